import { createHash } from 'node:crypto';
import type { IpnNotice } from '@paygate/domain';
import { canonicalJson } from './canonical-json.ts';
import { numberToDecimalString } from './decimal.ts';
import type { IpnPayload } from './ipn-payload.ts';

const text = (value: string | number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

const decimal = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : numberToDecimalString(value);

/**
 * Maps a verified, schema-checked IPN body onto a PaymentNotice. Amounts become the exact
 * decimal text JSON.parse read (never float arithmetic); `ipnId` is a digest of the signed
 * content, so copies of one notification share it (it correlates the events it causes).
 */
export const ipnToNotice = (payload: IpnPayload): IpnNotice => ({
  paymentId: String(payload.payment_id),
  orderId: payload.order_id ?? null,
  status: payload.payment_status,
  priceAmount: numberToDecimalString(payload.price_amount),
  priceCurrency: payload.price_currency,
  payAmount: numberToDecimalString(payload.pay_amount),
  actuallyPaid: numberToDecimalString(payload.actually_paid),
  payCurrency: payload.pay_currency,
  outcomeAmount: decimal(payload.outcome_amount),
  outcomeCurrency: payload.outcome_currency ?? null,
  parentPaymentId: text(payload.parent_payment_id),
  ipnId: `sha256-${createHash('sha256').update(canonicalJson(payload)).digest('hex')}`,
});

/** PaymentNotice field → the IPN field it came from, so a 400 names what the sender wrote. */
export const IPN_FIELD_OF_NOTICE: Readonly<Record<string, string>> = {
  paymentId: 'payment_id',
  orderId: 'order_id',
  status: 'payment_status',
  priceAmount: 'price_amount',
  priceCurrency: 'price_currency',
  payAmount: 'pay_amount',
  actuallyPaid: 'actually_paid',
  payCurrency: 'pay_currency',
  outcomeAmount: 'outcome_amount',
  outcomeCurrency: 'outcome_currency',
  parentPaymentId: 'parent_payment_id',
};
