import * as v from 'valibot';
import { PayGateError } from '../errors/index.ts';
import type { Money } from '../money/index.ts';

/** Tiers are priced in US dollars (cents); NOWPayments converts to whatever the subscriber pays in. */
export const TIER_PRICE_CURRENCY = 'USD';
export const TIER_PRICE_DECIMALS = 2;
export const MAX_DURATION_DAYS = 3650;

/** A tier price in an event: positive USD cents as a decimal string. */
export const TierPriceJsonSchema = v.object({
  amount: v.pipe(v.string(), v.regex(/^[1-9]\d{0,17}$/, 'must be a positive integer number of cents')),
  currency: v.literal(TIER_PRICE_CURRENCY),
  decimals: v.literal(TIER_PRICE_DECIMALS),
});
export type TierPriceJson = v.InferOutput<typeof TierPriceJsonSchema>;

export const DurationDaysSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_DURATION_DAYS));

/** Rules a tier's price and duration obey, with messages a channel owner can act on. */
export const assertValidTierTerms = (price: Money, durationDays: number): void => {
  if (price.currency !== TIER_PRICE_CURRENCY || price.decimals !== TIER_PRICE_DECIMALS) {
    throw new PayGateError('validation', `tier prices are in ${TIER_PRICE_CURRENCY}, not ${price.currency}`, { currency: price.currency });
  }
  if (price.amount <= 0n) throw new PayGateError('validation', 'the tier price must be positive');
  if (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > MAX_DURATION_DAYS) {
    throw new PayGateError('validation', `durationDays must be an integer from 1 to ${MAX_DURATION_DAYS}`, { durationDays });
  }
};
