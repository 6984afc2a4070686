import type { ReadinessCheck } from '../http/index.ts';
import type { Platform } from './platform.ts';

/** What `/readyz` asks of the platform: each shared dependency answers a cheap request. */
export const platformReadinessChecks = ({ pool, eventStore, broker }: Pick<Platform, 'pool' | 'eventStore' | 'broker'>): ReadinessCheck[] => [
  { name: 'postgres', check: () => pool.query('select 1') },
  { name: 'eventStore', check: () => eventStore.ping() },
  { name: 'broker', check: () => broker.ping() },
];

/**
 * NOWPayments' GET /v1/status for `/readyz`, non-fatal: an outage there delays invoices and the
 * reconciler, but IPNs still arrive and everything else works, so the process stays ready. The
 * answer is kept for `cacheMs` (default 30 s) so frequent probes do not become NOWPayments traffic.
 */
export const nowPaymentsReadinessCheck = (ping: () => Promise<void>, cacheMs = 30_000, now: () => number = Date.now): ReadinessCheck => {
  let last: { at: number; result: Promise<void> } | undefined;
  return {
    name: 'nowpayments',
    fatal: false,
    check: () => {
      if (!last || now() - last.at >= cacheMs) last = { at: now(), result: ping() };
      return last.result;
    },
  };
};
