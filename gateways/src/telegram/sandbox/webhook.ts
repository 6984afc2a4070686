/**
 * Webhook delivery as the Bot API does it: each pending update is POSTed as JSON to the set
 * URL, with `X-Telegram-Bot-Api-Secret-Token` when a secret was given, one at a time and in
 * order; anything but a 2xx keeps the update and retries with growing backoff (the real server
 * keeps trying for up to a day). A 2xx answer may carry a method call
 * (`{"method":"sendMessage",...}`), which is executed like an API call — "reply to webhook".
 */
import type { TgUpdate } from '../bot-api-types.ts';
import { pushCapped } from './limits.ts';
import type { UpdateQueue } from './update-queue.ts';

export type WebhookRetryPolicy = {
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly timeoutMs: number;
};

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { initialBackoffMs: 100, maxBackoffMs: 5_000, timeoutMs: 10_000 };

export const SECRET_TOKEN_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export type WebhookConfig = { readonly url: string; readonly secretToken?: string; readonly maxConnections: number };

export type WebhookDelivery = {
  readonly update: TgUpdate;
  readonly url: string;
  readonly at: string;
  readonly httpStatus?: number;
  readonly error?: string;
};

export type Webhook = {
  set(config: WebhookConfig): void;
  clear(): void;
  readonly config: () => WebhookConfig | undefined;
  readonly lastError: () => { date: number; message: string } | undefined;
  readonly deliveries: readonly WebhookDelivery[];
  /** Resolves once nothing deliverable is pending or in flight (for tests). */
  idle(): Promise<void>;
  stop(): void;
};

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export const createWebhook = (deps: {
  queue: UpdateQueue;
  fetch: FetchLike;
  retry: WebhookRetryPolicy;
  now: () => number;
  clock: () => Date;
  /** Runs a method a webhook answer asked for; errors are swallowed as the real server does. */
  replyMethod: (method: string, params: Record<string, unknown>) => Promise<void>;
  /** Attempts kept in `deliveries`, oldest dropped first. */
  maxDeliveries: number;
}): Webhook => {
  let config: WebhookConfig | undefined;
  let generation = 0;
  let running = false;
  let stopped = false;
  let lastError: { date: number; message: string } | undefined;
  const deliveries: WebhookDelivery[] = [];
  let idleWaiters: (() => void)[] = [];
  let wakeBackoff: (() => void) | undefined;

  const settleIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const attempt = async (target: WebhookConfig, update: TgUpdate): Promise<boolean> => {
    const at = deps.clock().toISOString();
    try {
      const response = await deps.fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(target.secretToken === undefined ? {} : { [SECRET_TOKEN_HEADER]: target.secretToken }),
        },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(deps.retry.timeoutMs),
      });
      const text = await response.text().catch(() => '');
      pushCapped(deliveries, { update, url: target.url, at, httpStatus: response.status }, deps.maxDeliveries);
      if (response.status >= 200 && response.status < 300) {
        // Delivered: confirmed before any method the answer asks for runs, as on Telegram.
        deps.queue.confirmThrough(update.update_id);
        await runReply(text);
        return true;
      }
      lastError = { date: deps.now(), message: `Wrong response from the webhook: ${response.status} ${response.statusText}`.trim() };
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const message = timedOut ? 'Read timeout expired' : 'Connection refused';
      pushCapped(deliveries, { update, url: target.url, at, error: message }, deps.maxDeliveries);
      lastError = { date: deps.now(), message };
    }
    return false;
  };

  const runReply = async (text: string) => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
    const { method, ...params } = body as Record<string, unknown>;
    if (typeof method === 'string') await deps.replyMethod(method, params).catch(() => undefined);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeBackoff = undefined;
        resolve();
      }
      wakeBackoff = done;
    });

  const run = async () => {
    if (running) return;
    running = true;
    let backoff = deps.retry.initialBackoffMs;
    try {
      for (;;) {
        const target = config;
        const mine = generation;
        const next = target === undefined || stopped ? undefined : deps.queue.nextDeliverable();
        if (target === undefined || next === undefined) break;
        const delivered = await attempt(target, next.update);
        if (mine !== generation) continue; // the webhook changed meanwhile: start over with the new one
        if (delivered) {
          backoff = deps.retry.initialBackoffMs;
        } else {
          await sleep(backoff);
          backoff = Math.min(backoff * 2, deps.retry.maxBackoffMs);
        }
      }
    } finally {
      running = false;
      settleIdle();
    }
  };

  deps.queue.onPush(() => void run());

  return {
    set(next) {
      config = next;
      generation += 1;
      lastError = undefined;
      wakeBackoff?.();
      void run();
    },
    clear() {
      config = undefined;
      generation += 1;
      wakeBackoff?.();
    },
    config: () => config,
    lastError: () => lastError,
    deliveries,
    idle: () => (running ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    stop() {
      stopped = true;
      config = undefined;
      wakeBackoff?.();
    },
  };
};
