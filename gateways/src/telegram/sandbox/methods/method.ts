/** The shape of one simulated Bot API method. */
import type { SandboxCore } from '../core.ts';
import type { Params } from '../params.ts';

export type MethodContext = { readonly signal?: AbortSignal };

/** A result with the `description` some methods add next to it (setWebhook: "Webhook was set"). */
export type Described = { readonly described: true; readonly result: unknown; readonly description: string };

export const described = (result: unknown, description: string): Described => ({ described: true, result, description });

export const isDescribed = (value: unknown): value is Described =>
  typeof value === 'object' && value !== null && (value as { described?: unknown }).described === true;

export type MethodHandler = (core: SandboxCore, params: Params, context: MethodContext) => unknown;
