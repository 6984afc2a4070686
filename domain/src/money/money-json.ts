import * as v from 'valibot';
import { parseWithSchema } from '../decider/event-schema.ts';
import type { Money } from './money.ts';

/**
 * Money inside events and JSON: the bigint as a decimal string. The JSON is self-describing
 * (currency and decimals travel with it), so reading an old event never depends on today's
 * currency registry.
 */
export type MoneyJson = { amount: string; currency: string; decimals: number };

export const MoneyJsonSchema = v.object({
  amount: v.pipe(v.string(), v.regex(/^(0|-?[1-9]\d{0,77})$/, 'must be an integer in canonical decimal form')),
  currency: v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,32}$/, 'must be an upper-case currency code')),
  decimals: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(36)),
});

export const moneyToJson = (money: Money): MoneyJson => ({
  amount: money.amount.toString(),
  currency: money.currency,
  decimals: money.decimals,
});

/** Validates the JSON shape (PayGateError('validation') otherwise) and returns Money. */
export const moneyFromJson = (json: unknown): Money => {
  const parsed = parseWithSchema(MoneyJsonSchema, json, 'money');
  return { amount: BigInt(parsed.amount), currency: parsed.currency, decimals: parsed.decimals };
};
