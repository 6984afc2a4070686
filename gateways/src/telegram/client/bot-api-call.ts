/**
 * One Bot API call: POST `${apiRoot}/bot<token>/<method>` with a JSON body, a deadline, pacing
 * through the throttle, bounded waiting on 429 (retry_after), and the error mapping. The URL
 * holds the token, so every message that could reach an error or a log is scrubbed of it, and
 * fetch's own errors (which may quote the URL) are never attached raw.
 */
import { PayGateError } from '@paygate/domain';
import { mapBotApiError } from './error-mapping.ts';
import { throttleKeyFor, type Throttle } from './throttle.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type BotApiCallContext = {
  readonly apiRoot: string;
  readonly token: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly throttle: Throttle | undefined;
  /** Waits after a 429 before giving up with rate_limited. */
  readonly max429Retries: number;
  /** A retry_after longer than this is not waited out: rate_limited at once. */
  readonly maxRetryAfterSeconds: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
};

const MAX_DESCRIPTION = 300;

export const redactToken = (token: string, text: string) => (token === '' ? text : text.split(token).join('[redacted]'));

/**
 * JSON.parse that keeps integers past 2^53 exact as strings (ids are the only such numbers),
 * using the reviver's source text where the runtime provides it.
 */
const parseJson = (text: string): unknown =>
  JSON.parse(text, ((_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && context?.source !== undefined
      ? context.source
      : value) as (key: string, value: unknown) => unknown);

/** `telegramError`: the body was Telegram's own error answer (`{ok:false, error_code, …}`), not a proxy's page or a fallback. */
type Envelope = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; retryAfter?: number; telegramError?: true };

const readEnvelope = (status: number, text: string): Envelope | undefined => {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (b.ok === true && 'result' in b) return { ok: true, result: b.result };
  if (b.ok === false) {
    const parameters = (typeof b.parameters === 'object' && b.parameters !== null ? b.parameters : {}) as Record<string, unknown>;
    return {
      ok: false,
      error_code: typeof b.error_code === 'number' ? b.error_code : status,
      description: typeof b.description === 'string' ? b.description : `HTTP ${status}`,
      ...(typeof parameters.retry_after === 'number' ? { retryAfter: parameters.retry_after } : {}),
      ...(typeof b.error_code === 'number' ? { telegramError: true as const } : {}),
    };
  }
  return undefined;
};

/** fetch's errors when no connection was made (refused, no route, unknown host), looked for down the cause chain. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const neverConnected = (error: unknown): boolean => {
  for (let current: unknown = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};

const once = async (ctx: BotApiCallContext, method: string, body: string, timeoutMs: number): Promise<Envelope> => {
  let response: Response;
  let text: string;
  try {
    response = await ctx.fetch(`${ctx.apiRoot}/bot${ctx.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? `timed out after ${timeoutMs} ms` : 'network error';
    const cause = error instanceof Error ? new Error(redactToken(ctx.token, `${error.name}: ${error.message}`)) : undefined;
    // Only a connection never made certainly did not deliver: callers may then send again.
    const notSent = !timedOut && neverConnected(error);
    throw new PayGateError('unavailable', `Telegram ${method} failed: ${reason}`, { method, ...(notSent ? { notSent: true } : {}) }, { cause });
  }
  const envelope = readEnvelope(response.status, text);
  if (envelope !== undefined) return envelope;
  return { ok: false, error_code: response.status >= 400 ? response.status : 502, description: `unexpected response (HTTP ${response.status})` };
};

export const callBotApi = async (
  ctx: BotApiCallContext,
  method: string,
  params: Readonly<Record<string, unknown>>,
  options: { timeoutMs?: number } = {},
): Promise<unknown> => {
  if (!/^[A-Za-z]+$/.test(method)) throw new PayGateError('validation', 'a Bot API method name is letters only', { method });
  const body = JSON.stringify(params);
  const key = throttleKeyFor(method, params);
  for (let attempt = 0; ; attempt += 1) {
    const wait = ctx.throttle?.reserve(key, ctx.now()) ?? 0;
    if (wait > 0) await ctx.sleep(wait);
    const envelope = await once(ctx, method, body, options.timeoutMs ?? ctx.timeoutMs);
    if (envelope.ok) return envelope.result;
    const failure = {
      errorCode: envelope.error_code,
      description: redactToken(ctx.token, envelope.description).slice(0, MAX_DESCRIPTION),
      ...(envelope.retryAfter === undefined ? {} : { retryAfter: envelope.retryAfter }),
      ...(envelope.telegramError === true ? { telegramError: true } : {}),
    };
    if (failure.errorCode === 429) {
      const retryAfter = failure.retryAfter ?? 1;
      if (key !== 'none') ctx.throttle?.penalize(key, ctx.now() + retryAfter * 1_000);
      if (attempt < ctx.max429Retries && retryAfter <= ctx.maxRetryAfterSeconds) {
        if (ctx.throttle === undefined || key === 'none') await ctx.sleep(retryAfter * 1_000);
        continue; // with a throttle, the penalized bucket makes the next reserve wait
      }
    }
    throw mapBotApiError(method, failure);
  }
};
