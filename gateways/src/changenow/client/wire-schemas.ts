/**
 * Shapes of ChangeNOW API v2 responses, as far as PayGate reads them (loose: extra fields pass).
 * Bodies are parsed with parseJsonKeepingNumberText, so JSON numbers arrive as their source text;
 * an amount is accepted as that text or as a decimal string.
 */
import * as v from 'valibot';

const DECIMAL_TEXT = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export const amountText = v.pipe(v.string(), v.regex(DECIMAL_TEXT, 'not a non-negative decimal'));

const timestamp = v.pipe(
  v.string(),
  v.check((text) => !Number.isNaN(Date.parse(text)), 'not a timestamp'),
);

/** {"error":"not_valid_params","message":"toCurrency is required"} */
export const changeNowErrorSchema = v.looseObject({ error: v.optional(v.string()), message: v.optional(v.string()) });

export const currencySchema = v.looseObject({
  ticker: v.string(),
  network: v.string(),
  name: v.optional(v.string()),
  supportsFixedRate: v.optional(v.boolean()),
  isFiat: v.optional(v.boolean()),
  buy: v.optional(v.boolean()),
  sell: v.optional(v.boolean()),
});
export const currenciesSchema = v.array(currencySchema);

export const minAmountSchema = v.looseObject({ minAmount: amountText });

export const estimateSchema = v.looseObject({
  toAmount: amountText,
  rateId: v.nullish(v.string()),
  validUntil: v.nullish(timestamp),
});

export const createdExchangeSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  payinAddress: v.pipe(v.string(), v.minLength(1)),
  toAmount: amountText,
  toCurrency: v.optional(v.string()),
  toNetwork: v.optional(v.string()),
});

export const exchangeByIdSchema = v.looseObject({
  id: v.string(),
  // Checked against EXCHANGE_STATUSES by the client, so an unknown status is named in the error.
  status: v.string(),
  toCurrency: v.string(),
  toNetwork: v.string(),
  amountTo: v.nullish(amountText),
  payoutHash: v.nullish(v.string()),
});
