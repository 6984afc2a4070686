import * as v from 'valibot';
import { PAYMENT_STATUSES } from '@paygate/domain';
import { PAYMENT_OUTCOMES } from '@paygate/projections';
import { CountOut, DecimalOut, IntegerTextOut, MoneyOutSchema, pageOf, TimestampOut } from './primitives.ts';

// What presenters.ts answers for payments, splits and invoices, and the auditors' event trail.

const PaymentStatusOut = v.picklist(PAYMENT_STATUSES);
/** What was bought: a subscription tier, or a donation (tier id 'donation', the subscriber is the donor). */
const PurchaseKindOut = v.picklist(['subscription', 'donation']);
/** The consequence events' outcomes, and `rejected` (held, then refused by an operator). */
export const PAYMENT_OUTCOME_VALUES = [...Object.values(PAYMENT_OUTCOMES), 'rejected'] as const;

/** Exactly as NOWPayments reported them (decimal strings, upper-case codes). */
export const ReportedAmountsOutSchema = v.strictObject({
  priceAmount: DecimalOut,
  priceCurrency: v.string(),
  payAmount: v.nullable(DecimalOut),
  actuallyPaid: DecimalOut,
  payCurrency: v.string(),
  outcomeAmount: v.nullable(DecimalOut),
  outcomeCurrency: v.nullable(v.string()),
});

const paymentEntries = {
  id: v.string(),
  invoiceId: v.string(),
  channelId: v.nullable(v.string()),
  tierId: v.nullable(v.string()),
  kind: PurchaseKindOut,
  subscriberId: v.nullable(v.string()),
  status: PaymentStatusOut,
  outcome: v.nullable(v.picklist(PAYMENT_OUTCOME_VALUES)),
  price: v.nullable(MoneyOutSchema),
  reported: ReportedAmountsOutSchema,
  received: v.nullable(v.strictObject({ actuallyPaid: MoneyOutSchema, outcome: MoneyOutSchema })),
  parentPaymentId: v.nullable(v.string()),
  conflicts: CountOut,
  firstSeenAt: TimestampOut,
  updatedAt: TimestampOut,
};

/** `paymentOut`: a payment in a list. */
export const PaymentOutSchema = v.strictObject(paymentEntries);

/** `splitOut`: the platform fee and the owner's share of a received payment. */
export const SplitOutSchema = v.strictObject({
  feeBps: CountOut,
  gross: MoneyOutSchema,
  fee: MoneyOutSchema,
  ownerShare: MoneyOutSchema,
  calculatedAt: TimestampOut,
});

/** One payment with its split (null until calculated): `GET /payments/{id}` and an invoice's payments. */
export const PaymentWithSplitOutSchema = v.strictObject({ ...paymentEntries, split: v.nullable(SplitOutSchema) });

export const PaymentPageOutSchema = pageOf(PaymentOutSchema);

/** `invoiceOut`. */
export const InvoiceOutSchema = v.strictObject({
  id: v.string(),
  channelId: v.string(),
  tierId: v.string(),
  purpose: PurchaseKindOut,
  /** Null for an anonymous donation. */
  subscriberId: v.nullable(v.string()),
  price: MoneyOutSchema,
  durationDays: CountOut,
  createdAt: TimestampOut,
  provider: v.nullable(v.strictObject({ invoiceId: v.string(), url: v.string(), linkedAt: TimestampOut })),
  paymentStatus: v.nullable(PaymentStatusOut),
  paid: v.boolean(),
  paidPaymentId: v.nullable(v.string()),
  paidAt: v.nullable(TimestampOut),
  updatedAt: TimestampOut,
  paymentIds: v.array(v.string()),
  payments: v.array(PaymentWithSplitOutSchema),
});

/** One recorded event of a payment's trail (`TrailEvent` of payment-routes.ts), for auditors. */
export const TrailEventOutSchema = v.strictObject({
  streamId: v.string(),
  /** 0-based revision of the event in its stream, exact. */
  revision: IntegerTextOut,
  /** The event's position in the whole log, opaque text. */
  position: v.string(),
  type: v.string(),
  recordedAt: TimestampOut,
  data: v.unknown(),
});

export const PaymentTrailOutSchema = v.strictObject({ paymentId: v.string(), events: v.array(TrailEventOutSchema) });
