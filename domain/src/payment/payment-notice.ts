import * as v from 'valibot';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { canonicalDecimal, normalizeCurrencyCode, type DecimalInput } from '../money/index.ts';
import { PAYMENT_STATUSES, type PaymentStatus } from './payment-status.ts';

/**
 * One verified NOWPayments IPN, in PayGate's words. The webhook maps the body onto this after
 * checking the signature; amounts may stay as the JSON numbers JSON.parse gave (or be the exact
 * source text), the domain reads their digits exactly.
 */
export type PaymentNotice = {
  /** NOWPayments `payment_id`, as a decimal string. */
  paymentId: string;
  /** NOWPayments `order_id`: our invoice id, or null when the payment was not made for one of our invoices. */
  orderId: string | null;
  status: PaymentStatus;
  priceAmount: DecimalInput;
  priceCurrency: string;
  payAmount?: DecimalInput | null;
  actuallyPaid: DecimalInput;
  payCurrency: string;
  /** What the merchant wallet receives after NOWPayments' fees and conversion. */
  outcomeAmount?: DecimalInput | null;
  outcomeCurrency?: string | null;
  /** Set on a re-deposit to an address of an earlier payment (a "repeated payment"). */
  parentPaymentId?: string | null;
  /** An id for this very notification (e.g. a hash of the signed body), for the audit trail. */
  ipnId?: string | null;
  receivedAt: string;
};

/** A non-negative amount in canonical decimal text ("12.5", "0.0000001"; never "1e-7" or "12.50"). */
export const DecimalTextSchema = v.pipe(v.string(), v.regex(/^(0|[1-9]\d{0,39})(\.\d{0,39}[1-9])?$/, 'must be a canonical non-negative decimal'));
export const CurrencyCodeSchema = v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,32}$/, 'must be an upper-case currency code'));

/** The notice as it is stored in events: canonical decimal text, upper-case currency codes, absent instead of null. */
export const noticeEntries = {
  paymentId: IdSchema,
  status: v.picklist(PAYMENT_STATUSES),
  priceAmount: DecimalTextSchema,
  priceCurrency: CurrencyCodeSchema,
  payAmount: v.exactOptional(DecimalTextSchema),
  actuallyPaid: DecimalTextSchema,
  payCurrency: CurrencyCodeSchema,
  outcomeAmount: v.exactOptional(DecimalTextSchema),
  outcomeCurrency: v.exactOptional(CurrencyCodeSchema),
  parentPaymentId: v.exactOptional(IdSchema),
  ipnId: v.exactOptional(IdSchema),
  receivedAt: TimestampSchema,
};

const NoticeSchema = v.object({ ...noticeEntries, orderId: v.exactOptional(IdSchema) });
export type NormalizedNotice = v.InferOutput<typeof NoticeSchema>;

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Canonical, validated notice; PayGateError('validation') naming the field otherwise. */
export const normalizeNotice = (notice: PaymentNotice): NormalizedNotice => {
  if (present(notice.outcomeAmount) !== present(notice.outcomeCurrency)) {
    throw new PayGateError('validation', 'outcomeAmount and outcomeCurrency come together');
  }
  const amount = (value: DecimalInput, field: string): string => {
    const text = canonicalDecimal(value);
    if (text.startsWith('-')) throw new PayGateError('validation', `${field} must not be negative`, { field });
    return text;
  };
  const optional = <T, R>(field: string, value: T | null | undefined, map: (value: T) => R) =>
    present(value) ? { [field]: map(value) } : {};
  const raw = {
    paymentId: notice.paymentId,
    status: notice.status,
    priceAmount: amount(notice.priceAmount, 'priceAmount'),
    priceCurrency: normalizeCurrencyCode(notice.priceCurrency),
    actuallyPaid: amount(notice.actuallyPaid, 'actuallyPaid'),
    payCurrency: normalizeCurrencyCode(notice.payCurrency),
    receivedAt: notice.receivedAt,
    ...optional('orderId', notice.orderId, String),
    ...optional('payAmount', notice.payAmount, (value) => amount(value, 'payAmount')),
    ...optional('outcomeAmount', notice.outcomeAmount, (value) => amount(value, 'outcomeAmount')),
    ...optional('outcomeCurrency', notice.outcomeCurrency, normalizeCurrencyCode),
    ...optional('parentPaymentId', notice.parentPaymentId, String),
    ...optional('ipnId', notice.ipnId, String),
  };
  return parseWithSchema(NoticeSchema, raw, 'payment notice');
};
