/**
 * Shapes of NOWPayments API responses, as far as PayGate reads them (loose: extra fields pass).
 * Observed: POST /v1/invoice answers `id` as a string ("5222917334") and `price_amount` as a
 * string ("12.99"); older docs show numbers, so both are accepted.
 */
import * as v from 'valibot';
import { ipnPayloadSchema } from '../ipn-payload.ts';

const idText = v.union([v.pipe(v.string(), v.regex(/^\d+$/)), v.pipe(v.number(), v.integer(), v.minValue(0))]);

export const invoiceResponseSchema = v.looseObject({
  id: idText,
  invoice_url: v.pipe(v.string(), v.url()),
  order_id: v.nullish(v.string()),
  order_description: v.nullish(v.string()),
  price_amount: v.union([v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/)), v.pipe(v.number(), v.finite(), v.minValue(0))]),
  price_currency: v.string(),
  pay_currency: v.nullish(v.string()),
  ipn_callback_url: v.nullish(v.string()),
  success_url: v.nullish(v.string()),
  cancel_url: v.nullish(v.string()),
  created_at: v.nullish(v.string()),
  updated_at: v.nullish(v.string()),
});

/** GET /v1/payment/ (the list): `data` holds payments shaped like GET /v1/payment/:id (and an IPN). */
export const paymentListSchema = v.looseObject({ data: v.array(ipnPayloadSchema) });

export const apiStatusSchema = v.looseObject({ message: v.string() });

/** NOWPayments error bodies: {"status":false,"statusCode":403,"code":"INVALID_API_KEY","message":"Invalid api key"}. */
export const apiErrorSchema = v.looseObject({
  statusCode: v.optional(v.number()),
  code: v.optional(v.string()),
  message: v.optional(v.string()),
});
