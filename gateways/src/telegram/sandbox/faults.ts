/**
 * Fault injection for the Bot API surface: the next N calls of a method answer 429 with
 * retry_after, or any other error; a method (or every method, '*') answers slowly.
 */
import { BotApiError, tooManyRequests } from './bot-api-error.ts';

type Planned = { readonly method: string; remaining: number; readonly error: () => BotApiError };

export type SandboxFaults = {
  /** The next `times` calls of `method` answer 429 "Too Many Requests: retry after N". */
  rateLimit(method: string, options?: { times?: number; retryAfter?: number }): void;
  /** The next `times` calls of `method` fail with this code and description (e.g. 502 Bad Gateway). */
  fail(method: string, options: { times?: number; errorCode: number; description: string }): void;
  /** Every call of `method` ('*' = all) waits `ms` before it is handled; 0 removes the delay. */
  delay(method: string, ms: number): void;
  clear(): void;
};

export type FaultState = SandboxFaults & {
  /** Consumes a planned fault for this call, if any. */
  take(method: string): BotApiError | undefined;
  delayFor(method: string): number;
};

export const createFaults = (): FaultState => {
  let planned: Planned[] = [];
  const delays = new Map<string, number>();
  return {
    rateLimit(method, options = {}) {
      const retryAfter = options.retryAfter ?? 1;
      planned.push({ method, remaining: options.times ?? 1, error: () => tooManyRequests(retryAfter) });
    },
    fail(method, options) {
      planned.push({ method, remaining: options.times ?? 1, error: () => new BotApiError(options.errorCode, options.description) });
    },
    delay(method, ms) {
      if (ms > 0) delays.set(method, ms);
      else delays.delete(method);
    },
    clear() {
      planned = [];
      delays.clear();
    },
    take(method) {
      const fault = planned.find((p) => (p.method === method || p.method === '*') && p.remaining > 0);
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      planned = planned.filter((p) => p.remaining > 0);
      return fault.error();
    },
    delayFor: (method) => (delays.get(method) ?? 0) + (delays.get('*') ?? 0),
  };
};
