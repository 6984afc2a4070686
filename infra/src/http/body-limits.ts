import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayGateError } from '@paygate/domain';

/** What any PayGate route accepts unless its path has its own limit. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export type BodyLimits = {
  /** Default DEFAULT_MAX_BODY_BYTES. */
  defaultBytes?: number;
  /** Exact paths with a limit of their own (larger or smaller). */
  byPath?: Readonly<Record<string, number>>;
};

const limitOf = (maxBytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body stays unread: close the connection so it is never taken for the next request.
      c.header('connection', 'close');
      throw new PayGateError('too_large', `the body exceeds ${maxBytes} bytes`, { maxBytes });
    },
  });

/**
 * A body limit on every route (hono's bodyLimit: a declared Content-Length over the limit is
 * refused unread, a chunked body is counted as it streams), answered 413 problem+json. Routes
 * that read their body with a limit of their own (the NOWPayments IPN) keep it; this is the floor.
 */
export const bodyLimits = ({ defaultBytes = DEFAULT_MAX_BODY_BYTES, byPath = {} }: BodyLimits = {}): MiddlewareHandler => {
  const byDefault = limitOf(defaultBytes);
  const special = new Map(Object.entries(byPath).map(([path, bytes]) => [path, limitOf(bytes)]));
  return (c, next) => (special.get(c.req.path) ?? byDefault)(c, next);
};
