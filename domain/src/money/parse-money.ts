import { PayGateError } from '../errors/index.ts';
import { currencyInfo } from './currencies.ts';
import { decimalOf, formatDecimal, parseDecimal, type Decimal, type DecimalInput } from './decimal.ts';
import type { Money } from './money.ts';

/**
 * What to do with digits below the currency's smallest unit:
 * - 'exact' (default): refuse them with PayGateError('validation'); nothing is ever rounded silently.
 * - 'truncate': drop them, toward zero. Only for amounts a provider reports with more digits than
 *   the chain can move (see docs/payments.md); never for prices.
 * Zeros below the smallest unit ("12.500" USD) are not digits lost and are accepted in both modes.
 */
export type Rounding = 'exact' | 'truncate';

export type ParseMoneyOptions = { rounding?: Rounding };

/** `decimal` in minor units of a currency with `decimals` places. */
export const toMinorUnits = (decimal: Decimal, decimals: number, rounding: Rounding = 'exact', currency = ''): bigint => {
  if (decimal.scale <= decimals) return decimal.units * 10n ** BigInt(decimals - decimal.scale);
  const factor = 10n ** BigInt(decimal.scale - decimals);
  if (rounding === 'exact' && decimal.units % factor !== 0n) {
    const shown = formatDecimal(decimal).slice(0, 40);
    throw new PayGateError('validation', `${shown} has more than ${decimals} decimal places${currency ? ` for ${currency}` : ''}`, {
      amount: shown,
      decimals,
      ...(currency ? { currency } : {}),
    });
  }
  return decimal.units / factor; // bigint division truncates toward zero
};

/**
 * Parses an amount as it appears in an IPN or a form ("12.50", "0.000153", 12.5, 1e-7) into Money
 * of a registered currency. Unknown currency, malformed text or (in 'exact' mode) too many
 * decimal places → PayGateError('validation').
 */
export const parseMoney = (value: DecimalInput, currency: string, options: ParseMoneyOptions = {}): Money => {
  const info = currencyInfo(currency);
  const amount = toMinorUnits(parseDecimal(value), info.decimals, options.rounding ?? 'exact', info.code);
  return { amount, currency: info.code, decimals: info.decimals };
};

/** Decimal text with exactly `decimals` fraction digits: USD 1250n → "12.50", ETH 1n → "0.000000000000000001". */
export const formatMoney = (money: Money): string => formatDecimal({ units: money.amount, scale: money.decimals });

/** The Money as an exact Decimal, e.g. to compare with an amount in other text. */
export const moneyToDecimal = (money: Money): Decimal => decimalOf(money.amount, money.decimals);
