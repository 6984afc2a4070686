/**
 * One NOWPayments HTTP call: timeout, response validation and the PayGateError mapping
 * (network/timeout/5xx → unavailable, 404 → not_found, 429 → rate_limited, other 4xx →
 * validation, each with NOWPayments' message). The api key is redacted from anything that could reach an error.
 */
import * as v from 'valibot';
import { PayGateError } from '@paygate/domain';
import { issueFieldPaths } from '../ipn-payload.ts';
import { apiErrorSchema } from './api-schemas.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type ApiRequestContext = {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
};

export type ApiRequest = {
  readonly operation: string; // human name for messages, e.g. "create invoice"
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
};

const MAX_MESSAGE = 300;

export const redactor = (secret: string) => (text: string) =>
  secret.length > 0 ? text.split(secret).join('[redacted]') : text;

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const providerMessage = (body: unknown, redact: (t: string) => string): { message: string; code?: string } => {
  const parsed = v.safeParse(apiErrorSchema, body);
  const raw = parsed.success ? (parsed.output.message ?? '') : typeof body === 'string' ? body : '';
  const message = redact(raw).slice(0, MAX_MESSAGE) || 'no message';
  return parsed.success && parsed.output.code ? { message, code: redact(parsed.output.code) } : { message };
};

export const apiRequest = async <S extends v.GenericSchema>(
  ctx: ApiRequestContext,
  request: ApiRequest,
  schema: S,
): Promise<v.InferOutput<S>> => {
  const redact = redactor(ctx.apiKey);
  const details = { operation: request.operation, method: request.method, path: request.path };
  let response: Response;
  try {
    response = await ctx.fetch(`${ctx.apiUrl}${request.path}`, {
      method: request.method,
      headers: {
        'x-api-key': ctx.apiKey,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? `timed out after ${ctx.timeoutMs} ms` : 'network error';
    // The raw cause is not attached: fetch errors can quote header values, i.e. the key.
    const cause = error instanceof Error ? new Error(redact(`${error.name}: ${error.message}`)) : undefined;
    throw new PayGateError('unavailable', `NOWPayments ${request.operation} failed: ${reason}`, details, { cause });
  }

  const body = await readJson(response).catch(() => undefined);
  if (!response.ok) {
    const { message, code } = providerMessage(body, redact);
    const errorDetails = { ...details, status: response.status, ...(code ? { code } : {}) };
    if (response.status >= 500) {
      throw new PayGateError('unavailable', `NOWPayments ${request.operation} failed with ${response.status}: ${message}`, errorDetails);
    }
    if (response.status === 404) {
      throw new PayGateError('not_found', `NOWPayments ${request.operation}: ${message}`, errorDetails);
    }
    if (response.status === 429) {
      throw new PayGateError('rate_limited', `NOWPayments ${request.operation} was rate limited: ${message}`, errorDetails);
    }
    throw new PayGateError('validation', `NOWPayments rejected ${request.operation}: ${message}`, errorDetails);
  }

  const parsed = v.safeParse(schema, body);
  if (!parsed.success) {
    throw new PayGateError('unavailable', `NOWPayments ${request.operation} returned an unexpected response`, {
      ...details,
      status: response.status,
      fields: issueFieldPaths(parsed.issues),
    });
  }
  return parsed.output;
};
