/**
 * Exact amounts for ChangeNOW. It writes amounts as JSON numbers; a double cannot hold every
 * decimal it may write, so responses are parsed keeping each number's source text and amounts are
 * converted to bigint units of the registry currency without any floating point.
 */
import { currencyInfo, formatDecimal, moneyToDecimal, parseDecimal, PayGateError, type Money } from '@paygate/domain';

type ReviverContext = { readonly source?: string };

/**
 * JSON.parse, but every number becomes the exact text it was written as ("0.1234567890123456789",
 * "1e-7"); strings stay strings. Uses JSON.parse source text access (Node ≥ 21).
 */
export const parseJsonKeepingNumberText = (text: string): unknown =>
  JSON.parse(text, function (this: unknown, _key: string, value: unknown, context?: ReviverContext) {
    if (typeof value !== 'number') return value;
    if (context?.source === undefined) throw new Error('JSON.parse source text access is not available');
    return context.source;
  } as (this: unknown, key: string, value: unknown) => unknown);

/** Which way digits below the currency's smallest unit go. */
export type AmountRounding = 'down' | 'up';

/**
 * A decimal amount (text or number text) in units of `decimals` places, digits past them rounded
 * `rounding` ('down' for what someone is promised, 'up' for a minimum to meet). Negative or
 * malformed → PayGateError('validation').
 */
export const amountTextToUnits = (amount: string, decimals: number, rounding: AmountRounding): bigint => {
  const decimal = parseDecimal(amount);
  if (decimal.units < 0n) throw new PayGateError('validation', 'amount is negative', { amount: amount.slice(0, 40) });
  if (decimal.scale <= decimals) return decimal.units * 10n ** BigInt(decimals - decimal.scale);
  const factor = 10n ** BigInt(decimal.scale - decimals);
  const floor = decimal.units / factor;
  return rounding === 'up' && floor * factor !== decimal.units ? floor + 1n : floor;
};

/** A ChangeNOW amount as Money of a registry currency, rounded down by default. */
export const amountToMoney = (amount: string, currency: string, rounding: AmountRounding = 'down'): Money => {
  const info = currencyInfo(currency);
  return { amount: amountTextToUnits(amount, info.decimals, rounding), currency: info.code, decimals: info.decimals };
};

/** Money as the shortest plain decimal string ("0.05", never "5e-2"), the form ChangeNOW is sent. */
export const moneyToAmount = (money: Money): string => formatDecimal(moneyToDecimal(money));

/** Compares two decimal amounts exactly: -1, 0 or 1. */
export const compareAmounts = (a: string, b: string): -1 | 0 | 1 => {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * 10n ** BigInt(scale - x.scale);
  const right = y.units * 10n ** BigInt(scale - y.scale);
  return left < right ? -1 : left > right ? 1 : 0;
};
