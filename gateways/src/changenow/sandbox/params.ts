/**
 * The simulator's request validation: valibot schemas for the v2 query strings and body, and
 * ChangeNOW's `not_valid_params` message for the first problem ("toCurrency is required").
 */
import * as v from 'valibot';

const ticker = v.pipe(v.string(), v.regex(/^[a-z0-9]{1,20}$/i));
const flag = v.picklist(['true', 'false']);
export const amountParam = v.pipe(v.string(), v.regex(/^\d{1,30}(\.\d{1,30})?$/), v.check((text) => /[1-9]/.test(text), 'must be positive'));
export const evmAddress = v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/));

const pair = {
  fromCurrency: ticker,
  toCurrency: ticker,
  fromNetwork: v.optional(ticker),
  toNetwork: v.optional(ticker),
  flow: v.optional(v.picklist(['standard', 'fixed-rate']), 'standard'),
};

export const currenciesQuery = v.object({
  active: v.optional(flag),
  flow: v.optional(v.picklist(['standard', 'fixed-rate'])),
  buy: v.optional(flag),
  sell: v.optional(flag),
});

export const pairQuery = v.object(pair);

export const estimateQuery = v.object({
  ...pair,
  fromAmount: amountParam,
  // Reverse estimates (by toAmount) are not simulated.
  type: v.optional(v.picklist(['direct']), 'direct'),
  useRateId: v.optional(flag),
  isTopUp: v.optional(flag),
});

export const createExchangeBody = v.object({
  ...pair,
  fromAmount: amountParam,
  address: evmAddress,
  refundAddress: v.optional(v.union([v.literal(''), evmAddress]), ''),
  type: v.optional(v.picklist(['direct']), 'direct'),
  rateId: v.optional(v.string(), ''),
});

export const byIdQuery = v.object({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)) });

export type Parsed<S extends v.GenericSchema> = { ok: true; value: v.InferOutput<S> } | { ok: false; message: string };

/** Valibot result → the value or ChangeNOW's message for the first issue. */
export const parseParams = <S extends v.GenericSchema>(schema: S, input: unknown): Parsed<S> => {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return { ok: true, value: parsed.output };
  const issue = parsed.issues[0];
  const field = v.getDotPath(issue) ?? 'body';
  return { ok: false, message: issue.input === undefined ? `${field} is required` : `${field} is not valid` };
};
