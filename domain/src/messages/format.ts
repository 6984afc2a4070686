import { canonicalDecimal, formatMoney, type Money, type MoneyJson } from '../money/index.ts';

/**
 * How amounts and times appear in texts, the same for every locale: amounts with their
 * currency code and no float on the way ("12.50 USD", "12.43999 USDTTRC20"); times in UTC.
 */
const FIAT_DECIMALS = new Set(['USD', 'EUR']);

export const formatAmount = (amount: Money | MoneyJson): string => {
  const exact = formatMoney({ amount: BigInt(amount.amount), currency: amount.currency, decimals: amount.decimals });
  // Fiat keeps its cents ("12.50"); crypto drops trailing zeros of its 18 decimals.
  return `${FIAT_DECIMALS.has(amount.currency) ? exact : canonicalDecimal(exact)} ${amount.currency}`;
};

/** An amount a provider reported as decimal text, with its currency code. */
export const formatReportedAmount = (amount: string, currency: string): string => `${canonicalDecimal(amount)} ${currency.toUpperCase()}`;

/** "2026-02-01 12:00 UTC". */
export const formatUtc = (iso: string): string => {
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
};

export type RelativeUnit = 'day' | 'hour' | 'minute';

const UNIT_MS: readonly (readonly [RelativeUnit, number])[] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * The distance from `now` to `iso`, rounded to the nearest whole unit (a reminder swept a few
 * seconds late still says "in 3 days"): the largest unit that counts at least one, or minutes.
 * Integer arithmetic only. Negative counts are in the past.
 */
export const relativeDistance = (iso: string, now: Date): { count: number; unit: RelativeUnit } => {
  const diff = new Date(iso).getTime() - now.getTime();
  const magnitude = Math.abs(diff);
  for (const [unit, ms] of UNIT_MS) {
    const count = Math.floor((magnitude + ms / 2) / ms);
    if (count >= 1 || unit === 'minute') return { count: diff < 0 ? -count : count, unit };
  }
  return { count: 0, unit: 'minute' };
};
