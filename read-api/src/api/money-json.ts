import { formatMoney, type Money } from '@paygate/domain';

/** Money in responses: the decimal string (exactly `decimals` fraction digits) and the minor units, both strings. */
export type MoneyOut = { amount: string; currency: string; decimals: number; minorUnits: string };

export const moneyOut = (money: Money): MoneyOut => ({
  amount: formatMoney(money),
  currency: money.currency,
  decimals: money.decimals,
  minorUnits: money.amount.toString(),
});

export const optionalMoneyOut = (money: Money | null): MoneyOut | null => (money === null ? null : moneyOut(money));
