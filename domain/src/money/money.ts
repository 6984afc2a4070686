import { PayGateError } from '../errors/index.ts';
import { currencyInfo } from './currencies.ts';

/**
 * An exact amount: `amount` minor units of `currency`, where one major unit is 10^decimals minor
 * units (USD 12.50 = { amount: 1250n, currency: 'USD', decimals: 2 }). Never a float.
 */
export type Money = { readonly amount: bigint; readonly currency: string; readonly decimals: number };

/** Money in a registered currency, its decimals taken from the registry. */
export const money = (amount: bigint, currency: string): Money => {
  const info = currencyInfo(currency);
  return { amount, currency: info.code, decimals: info.decimals };
};

export const zeroMoney = (currency: string): Money => money(0n, currency);

const requireSameCurrency = (a: Money, b: Money, operation: string): void => {
  if (a.currency !== b.currency || a.decimals !== b.decimals) {
    throw new PayGateError('validation', `cannot ${operation} ${a.currency} and ${b.currency}`, {
      left: `${a.currency}/${a.decimals}`,
      right: `${b.currency}/${b.decimals}`,
    });
  }
};

export const addMoney = (a: Money, b: Money): Money => {
  requireSameCurrency(a, b, 'add');
  return { ...a, amount: a.amount + b.amount };
};

export const subtractMoney = (a: Money, b: Money): Money => {
  requireSameCurrency(a, b, 'subtract');
  return { ...a, amount: a.amount - b.amount };
};

/** -1, 0 or 1; a sort comparator. */
export const compareMoney = (a: Money, b: Money): -1 | 0 | 1 => {
  requireSameCurrency(a, b, 'compare');
  return a.amount === b.amount ? 0 : a.amount < b.amount ? -1 : 1;
};

/** Same currency, decimals and amount; different currencies are simply not equal. */
export const moneyEquals = (a: Money, b: Money): boolean =>
  a.currency === b.currency && a.decimals === b.decimals && a.amount === b.amount;
