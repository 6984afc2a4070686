import type { Context, MiddlewareHandler } from 'hono';
import { PayGateError } from '@paygate/domain';
import type { HttpEnv } from './http-logger.ts';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** A budget per key, shared by every process (infra keeps the counts in PostgreSQL). */
export type RateLimiter = {
  /** Counts one request for `key` and says whether it is within the budget. */
  take(key: string): Promise<RateLimitDecision>;
};

const DEFAULT_DETAIL = 'Too many requests. Retry after the number of seconds in Retry-After.';

/** The 429 (with Retry-After, whole seconds, at least 1) the shared error handler answers. */
export const rateLimitedError = (retryAfterMs: number, detail = DEFAULT_DETAIL): PayGateError =>
  new PayGateError('rate_limited', detail, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });

/** Stands for the caller when the app runs without the HTTP shell (tests calling `app.request`). */
export const UNKNOWN_CLIENT = 'unknown';

/** The caller's address as the HTTP shell resolved it (the socket's, unless a trusted proxy says otherwise). */
export const clientAddress = (c: Context): string => (c.get('clientIp') as string | undefined) ?? UNKNOWN_CLIENT;

/** Refuses a request over `limiter`'s budget for `key(c)` with 429 + Retry-After. */
export const rateLimit =
  <E extends HttpEnv = HttpEnv>({ limiter, key }: { limiter: RateLimiter; key: (c: Context<E>) => string }): MiddlewareHandler<E> =>
  async (c, next) => {
    const decision = await limiter.take(key(c));
    if (!decision.allowed) throw rateLimitedError(decision.retryAfterMs);
    await next();
  };
