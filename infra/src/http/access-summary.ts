import type { Logger } from '../logging/index.ts';

export type AccessSummary = { count(key: string): void };

/**
 * Counts requests on the hot paths (webhooks) by `METHOD path status` and logs one info line
 * with the counts at most once per interval, on the first request after it ends: a payment
 * webhook under load costs no log write per request, yet an operator still sees the traffic.
 * No timer, so nothing to stop; counts after the last request of a quiet spell wait for the next.
 */
export const createAccessSummary = (logger: Logger, { intervalMs = 60_000, now = () => Date.now() } = {}): AccessSummary => {
  let counts = new Map<string, number>();
  let since = now();
  return {
    count(key) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const at = now();
      if (at - since < intervalMs) return;
      logger.info({ requests: Object.fromEntries(counts), seconds: Math.round((at - since) / 1000) }, 'requests since the last summary');
      counts = new Map();
      since = at;
    },
  };
};
