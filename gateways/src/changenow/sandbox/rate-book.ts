/**
 * Fixed-rate quotes the simulator handed out (estimated-amount with useRateId=true): a rateId
 * freezes the amount until validUntil, after which POST /v2/exchange refuses it.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxCurrency } from './market.ts';

export type FixedRate = {
  readonly rateId: string;
  readonly from: SandboxCurrency;
  readonly to: SandboxCurrency;
  readonly fromAmount: string; // canonical decimal
  readonly toAmount: string;
  validUntil: Date;
};

export type RateLookup = { readonly ok: true; readonly rate: FixedRate } | { readonly ok: false; readonly reason: 'unknown' | 'expired' };

export type RateBook = {
  issue(quote: Omit<FixedRate, 'rateId' | 'validUntil'>): FixedRate;
  lookup(rateId: string): RateLookup;
  /** Every rate handed out so far expires now. */
  expireAll(): void;
};

// Oldest forgotten first, so a long-running sandbox does not grow without bound.
const MAX_RATES = 10_000;

export const createRateBook = (options: { readonly clock: () => Date; readonly validityMs: number }): RateBook => {
  const rates = new Map<string, FixedRate>();
  return {
    issue(quote) {
      const rate: FixedRate = {
        ...quote,
        rateId: randomBytes(24).toString('base64url'),
        validUntil: new Date(options.clock().getTime() + options.validityMs),
      };
      rates.set(rate.rateId, rate);
      if (rates.size > MAX_RATES) rates.delete(rates.keys().next().value!);
      return rate;
    },
    lookup(rateId) {
      const rate = rates.get(rateId);
      if (!rate) return { ok: false, reason: 'unknown' };
      return options.clock().getTime() < rate.validUntil.getTime() ? { ok: true, rate } : { ok: false, reason: 'expired' };
    },
    expireAll() {
      const now = options.clock();
      for (const rate of rates.values()) if (rate.validUntil > now) rate.validUntil = now;
    },
  };
};
