/**
 * The IPN body fields PayGate relies on. The object is loose: unknown keys are kept because they
 * are part of the signed body (and NOWPayments adds fields over time, e.g. `fee`,
 * `payment_extra_ids`). Amounts stay JS numbers here, exactly as JSON.parse gave them; turn them
 * into exact decimals with `numberToDecimalString`, never with float arithmetic.
 */
import * as v from 'valibot';

export const NOWPAYMENTS_PAYMENT_STATUSES = [
  'waiting',
  'confirming',
  'confirmed',
  'sending',
  'partially_paid',
  'finished',
  'failed',
  'refunded',
  'expired',
] as const;
export type NowPaymentsPaymentStatus = (typeof NOWPAYMENTS_PAYMENT_STATUSES)[number];

// NOWPayments ids are 10-digit integers, sent as numbers in IPNs but as strings by other endpoints.
const id = v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.regex(/^\d+$/))]);
const amount = v.pipe(v.number(), v.finite(), v.minValue(0));
const currency = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
// Documented as ISO strings; real IPNs have also carried epoch milliseconds.
const timestamp = v.union([v.string(), v.pipe(v.number(), v.integer())]);

export const ipnPayloadSchema = v.looseObject({
  payment_id: id,
  invoice_id: v.nullish(id),
  parent_payment_id: v.nullish(id),
  order_id: v.nullish(v.pipe(v.string(), v.maxLength(256))),
  order_description: v.nullish(v.string()),
  purchase_id: v.nullish(v.union([v.string(), v.number()])),
  payment_status: v.picklist(NOWPAYMENTS_PAYMENT_STATUSES),
  pay_address: v.nullish(v.string()),
  price_amount: amount,
  price_currency: currency,
  pay_amount: amount,
  actually_paid: amount,
  pay_currency: currency,
  outcome_amount: v.nullish(amount),
  outcome_currency: v.nullish(currency),
  created_at: v.nullish(timestamp),
  updated_at: v.nullish(timestamp),
});

export type IpnPayload = v.InferOutput<typeof ipnPayloadSchema>;

export type IpnPayloadParse =
  | { readonly ok: true; readonly payload: IpnPayload }
  | { readonly ok: false; readonly fields: readonly string[] };

/** Dotted paths of the offending fields ("payment_status", "fee.currency"), for a 400 naming them. */
export const issueFieldPaths = (issues: readonly v.BaseIssue<unknown>[]): string[] => {
  const paths = new Set<string>();
  for (const issue of issues) paths.add(v.getDotPath(issue) ?? '(body)');
  return [...paths].sort();
};

export const parseIpnPayload = (payload: unknown): IpnPayloadParse => {
  // valibot's object schemas accept arrays (they are objects); an IPN body never is one.
  if (Array.isArray(payload)) return { ok: false, fields: ['(body)'] };
  const result = v.safeParse(ipnPayloadSchema, payload);
  return result.success ? { ok: true, payload: result.output } : { ok: false, fields: issueFieldPaths(result.issues) };
};
