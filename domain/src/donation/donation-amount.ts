import { PayGateError } from '../errors/index.ts';
import { currencyInfo, formatMoney, money, parseDecimal, type Money } from '../money/index.ts';

/**
 * Donation invoices are marked with this tier id (their snapshot's tierId), so every consumer
 * keyed by tier can tell them apart. Reserved: no tier may be given this id.
 */
export const DONATION_TIER_ID = 'donation';

/** Donations are priced like tiers: in US dollars; NOWPayments converts to what the donor pays in. */
export const DONATION_CURRENCY = 'USD';

/** The smallest and largest donation per price currency, in its minor units. */
const LIMITS: ReadonlyMap<string, { readonly min: bigint; readonly max: bigint }> = new Map([['USD', { min: 100n, max: 1_000_000n }]]);

export type DonationLimits = { readonly min: Money; readonly max: Money };

/** The limits for donations priced in `currency`; PayGateError('validation') when donations cannot be priced in it. */
export const donationLimits = (currency: string = DONATION_CURRENCY): DonationLimits => {
  const code = currencyInfo(currency).code;
  const limits = LIMITS.get(code);
  if (!limits) throw new PayGateError('validation', `donations cannot be priced in ${code}, only in ${[...LIMITS.keys()].join(', ')}`, { currency: code });
  return { min: money(limits.min, code), max: money(limits.max, code) };
};

const show = (amount: Money): string => `${formatMoney(amount)} ${amount.currency}`;

/** The amount obeys the donation rules of its currency; otherwise PayGateError('validation') naming the limit it breaks. */
export const assertDonationAmount = (amount: Money): void => {
  const { min, max } = donationLimits(amount.currency);
  if (amount.decimals !== min.decimals) {
    throw new PayGateError('validation', `a donation in ${min.currency} has ${min.decimals} decimals, not ${amount.decimals}`, { currency: min.currency });
  }
  if (amount.amount < min.amount) throw new PayGateError('validation', `the minimum donation is ${show(min)}`, { minimum: formatMoney(min), currency: min.currency });
  if (amount.amount > max.amount) throw new PayGateError('validation', `the maximum donation is ${show(max)}`, { maximum: formatMoney(max), currency: max.currency });
};

/**
 * A donation amount typed by a donor ("5", "12.50"), read exactly: digits with at most the
 * currency's decimals, within its limits. Anything else is PayGateError('validation') with a
 * message the donor can act on.
 */
export const parseDonationAmount = (text: string, currency: string = DONATION_CURRENCY): Money => {
  const { min, max } = donationLimits(currency);
  const trimmed = text.trim();
  if (!/^\d{1,12}(\.\d{1,30})?$/.test(trimmed)) {
    throw new PayGateError('validation', `enter an amount like 5 or 12.50 (from ${show(min)} to ${show(max)})`, { reason: 'malformed' });
  }
  const decimal = parseDecimal(trimmed);
  if (decimal.scale > min.decimals) {
    throw new PayGateError('validation', `a donation in ${min.currency} has at most ${min.decimals} decimals`, { reason: 'decimals', decimals: min.decimals });
  }
  const amount = money(decimal.units * 10n ** BigInt(min.decimals - decimal.scale), min.currency);
  assertDonationAmount(amount);
  return amount;
};
