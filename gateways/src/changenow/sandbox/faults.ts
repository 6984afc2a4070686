/**
 * Faults a test can inject into the simulator's API (never its control routes): the next N
 * requests answer 5xx, and every request can be slowed down.
 */
import type { MiddlewareHandler } from 'hono';
import { PayGateError } from '@paygate/domain';
import { errorResponse } from './wire.ts';

export type FaultState = { readonly failNext: number; readonly failStatus: number; readonly delayMs: number };

export type Faults = {
  /** The next `count` API requests answer `status` (5xx) with a ChangeNOW-shaped error. */
  failNextRequests(count: number, status?: number): void;
  setRequestDelay(ms: number): void;
  state(): FaultState;
  readonly middleware: MiddlewareHandler;
};

const MAX_DELAY_MS = 60_000;

export const createFaults = (initialDelayMs: number): Faults => {
  let failNext = 0;
  let failStatus = 503;
  let delayMs = 0;

  const setRequestDelay = (ms: number) => {
    if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) throw new PayGateError('validation', `request delay must be 0…${MAX_DELAY_MS} ms`);
    delayMs = ms;
  };
  setRequestDelay(initialDelayMs);

  return {
    failNextRequests(count, status = 503) {
      if (!Number.isSafeInteger(count) || count < 0) throw new PayGateError('validation', 'count must be a non-negative integer');
      if (!Number.isSafeInteger(status) || status < 500 || status > 599) throw new PayGateError('validation', 'status must be a 5xx code');
      failNext = count;
      failStatus = status;
    },
    setRequestDelay,
    state: () => ({ failNext, failStatus, delayMs }),
    async middleware(_c, next) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (failNext > 0) {
        failNext -= 1;
        return errorResponse(failStatus, 'internal_error', 'Internal server error (simulated)');
      }
      await next();
      return undefined;
    },
  };
};
