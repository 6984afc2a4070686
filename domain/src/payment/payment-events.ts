import * as v from 'valibot';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { DurationDaysSchema } from '../channel/tier-price.ts';
import { MoneyJsonSchema } from '../money/index.ts';
import { CurrencyCodeSchema, DecimalTextSchema, noticeEntries } from './payment-notice.ts';
import { PAYMENT_STATUSES } from './payment-status.ts';
import { HOLD_REASONS } from './underpayment-guard.ts';
import { PaymentExceptionAttachedSchema, PaymentExceptionClosedSchema } from './payment-exception-events.ts';

/** One stream per NOWPayments payment. */
export const paymentStreamId = (paymentId: string): string => `payment-${paymentId}`;

const Status = v.picklist(PAYMENT_STATUSES);

/** Which payment, for which purchase: on every outcome event so consumers need not load the invoice. */
const ref = {
  paymentId: IdSchema,
  invoiceId: IdSchema,
  channelId: IdSchema,
  tierId: IdSchema,
  subscriberId: TelegramUserIdSchema,
  receivedAt: TimestampSchema,
};

/** What was paid and what arrives, as NOWPayments reported it (exact decimal text). */
const reportedAmounts = {
  actuallyPaid: DecimalTextSchema,
  payCurrency: CurrencyCodeSchema,
  outcomeAmount: v.exactOptional(DecimalTextSchema),
  outcomeCurrency: v.exactOptional(CurrencyCodeSchema),
};

const event = <Type extends string, Entries extends v.ObjectEntries>(type: Type, entries: Entries) =>
  v.object({ type: v.literal(type), data: v.object(entries) });

/** Every status that moved the payment forward, with the notice as received (the audit trail). */
export const PaymentStatusRecordedSchema = event('PaymentStatusRecorded', { ...noticeEntries, invoiceId: IdSchema });

/** The one event that grants access: finished, at the invoice's price, within the underpayment band, not a re-deposit (or a held payment an operator released). */
export const PaymentReceivedSchema = event('PaymentReceived', {
  ...ref,
  price: MoneyJsonSchema,
  durationDays: DurationDaysSchema,
  /** In the pay currency. */
  actuallyPaid: MoneyJsonSchema,
  /** In the outcome currency: what the merchant wallet gets; the split's gross. */
  outcome: MoneyJsonSchema,
});

/**
 * What PaymentReceived is for a donation invoice: finished at the donation's amount, within the
 * underpayment band (or released / attached by an operator). Split and counted like a payment;
 * it never grants access. `donorName` only when the donor allowed the owner to see it.
 */
export const DonationReceivedSchema = event('DonationReceived', {
  paymentId: IdSchema,
  invoiceId: IdSchema,
  channelId: IdSchema,
  donorId: TelegramUserIdSchema,
  /** The donation as the donor chose it (the invoice's price). */
  amount: MoneyJsonSchema,
  /** In the pay currency. */
  actuallyPaid: MoneyJsonSchema,
  /** In the outcome currency: what the merchant wallet gets; the split's gross. */
  outcome: MoneyJsonSchema,
  showName: v.boolean(),
  donorName: v.exactOptional(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
  receivedAt: TimestampSchema,
});

/** The donation terms a held donation needs for its release. */
const DonationTermsSchema = v.object({ showName: v.boolean(), donorName: v.exactOptional(v.pipe(v.string(), v.minLength(1), v.maxLength(256))) });

/**
 * finished, at the invoice's price, but outside the underpayment band (underpayment-guard.ts):
 * no grant until an operator decides. Carries everything PaymentReceived would, so a release
 * needs nothing else; `payAmount` is NOWPayments' quote and `shortfallBps` how far actuallyPaid
 * fell below it (both absent when the IPN had no pay_amount). A held donation has no
 * durationDays and carries `donation` instead (its release is DonationReceived).
 */
export const PaymentHeldForReviewSchema = event('PaymentHeldForReview', {
  ...ref,
  reason: v.picklist(HOLD_REASONS),
  price: MoneyJsonSchema,
  durationDays: v.exactOptional(DurationDaysSchema),
  donation: v.exactOptional(DonationTermsSchema),
  actuallyPaid: MoneyJsonSchema,
  payAmount: v.exactOptional(MoneyJsonSchema),
  outcome: MoneyJsonSchema,
  shortfallBps: v.exactOptional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
  toleranceBps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
});

/** An operator's decision on a held payment: who, why, when. */
const decision = {
  paymentId: IdSchema,
  invoiceId: IdSchema,
  decidedBy: IdSchema,
  note: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(500)),
  decidedAt: TimestampSchema,
};

/**
 * finished at the invoice's price, but another payment (`paidBy`) had already paid the invoice:
 * an overpayment. It grants nothing and is no revenue (never split); the money waits for an
 * operator to refund it in NOWPayments. Both payments' amounts, so the operator needs nothing else.
 */
export const InvoicePaidTwiceSchema = event('InvoicePaidTwice', {
  ...ref,
  price: MoneyJsonSchema,
  actuallyPaid: MoneyJsonSchema,
  outcome: MoneyJsonSchema,
  paidBy: v.object({ paymentId: IdSchema, actuallyPaid: MoneyJsonSchema, outcome: MoneyJsonSchema }),
});

/** The operator accepted the held payment; the PaymentReceived that grants follows in the same append. */
export const PaymentHoldReleasedSchema = event('PaymentHoldReleased', decision);

/** The operator refused the held payment: it never grants (a refund, if any, happens in NOWPayments). */
export const PaymentHoldRejectedSchema = event('PaymentHoldRejected', decision);

/** partially_paid: never grants. */
export const PaymentUnderpaidSchema = event('PaymentUnderpaid', {
  ...ref,
  ...reportedAmounts,
  price: MoneyJsonSchema,
  payAmount: v.exactOptional(DecimalTextSchema),
});

/** finished, but NOWPayments' price_amount/price_currency differ from the invoice's price: no grant, an operator looks. */
export const PaymentMismatchedSchema = event('PaymentMismatched', {
  ...ref,
  ...reportedAmounts,
  expectedPrice: MoneyJsonSchema,
  priceAmount: DecimalTextSchema,
  priceCurrency: CurrencyCodeSchema,
});

/** A re-deposit (parent_payment_id set) reached partially_paid or finished: no grant, an operator credits it. */
export const PaymentRedepositRecordedSchema = event('PaymentRedepositRecorded', {
  ...ref,
  ...reportedAmounts,
  parentPaymentId: IdSchema,
  status: v.picklist(['partially_paid', 'finished']),
});

export const PaymentFailedSchema = event('PaymentFailed', ref);
export const PaymentExpiredSchema = event('PaymentExpired', ref);

/**
 * previousStatus: absent if refunded was the first status seen. `granted`: a PaymentReceived was
 * (or DonationReceived) recorded before (the refund must take back the access and the split it caused); absent on
 * events recorded before this field existed, where previousStatus 'finished' is the best guess.
 */
export const PaymentRefundedSchema = event('PaymentRefunded', { ...ref, previousStatus: v.exactOptional(Status), granted: v.exactOptional(v.boolean()) });

/** Whether a refund takes back a grant (see PaymentRefundedSchema). */
export const refundTakesBackGrant = (data: { previousStatus?: string; granted?: boolean }): boolean => data.granted ?? data.previousStatus === 'finished';

/** A reported status with no order to the current one (e.g. finished after expired): recorded for an operator, state unchanged. */
export const PaymentStatusConflictedSchema = event('PaymentStatusConflicted', {
  ...ref,
  ...reportedAmounts,
  currentStatus: Status,
  reportedStatus: Status,
});

export const PaymentEventSchema = v.variant('type', [
  PaymentStatusRecordedSchema,
  PaymentReceivedSchema,
  DonationReceivedSchema,
  PaymentHeldForReviewSchema,
  InvoicePaidTwiceSchema,
  PaymentHoldReleasedSchema,
  PaymentHoldRejectedSchema,
  PaymentUnderpaidSchema,
  PaymentMismatchedSchema,
  PaymentRedepositRecordedSchema,
  PaymentFailedSchema,
  PaymentExpiredSchema,
  PaymentRefundedSchema,
  PaymentStatusConflictedSchema,
  PaymentExceptionAttachedSchema,
  PaymentExceptionClosedSchema,
]);

export type PaymentStatusRecorded = v.InferOutput<typeof PaymentStatusRecordedSchema>;
export type PaymentReceived = v.InferOutput<typeof PaymentReceivedSchema>;
export type DonationReceived = v.InferOutput<typeof DonationReceivedSchema>;
export type PaymentHeldForReview = v.InferOutput<typeof PaymentHeldForReviewSchema>;
export type InvoicePaidTwice = v.InferOutput<typeof InvoicePaidTwiceSchema>;
export type PaymentHoldReleased = v.InferOutput<typeof PaymentHoldReleasedSchema>;
export type PaymentHoldRejected = v.InferOutput<typeof PaymentHoldRejectedSchema>;
export type PaymentUnderpaid = v.InferOutput<typeof PaymentUnderpaidSchema>;
export type PaymentMismatched = v.InferOutput<typeof PaymentMismatchedSchema>;
export type PaymentRedepositRecorded = v.InferOutput<typeof PaymentRedepositRecordedSchema>;
export type PaymentFailed = v.InferOutput<typeof PaymentFailedSchema>;
export type PaymentExpired = v.InferOutput<typeof PaymentExpiredSchema>;
export type PaymentRefunded = v.InferOutput<typeof PaymentRefundedSchema>;
export type PaymentStatusConflicted = v.InferOutput<typeof PaymentStatusConflictedSchema>;
export type PaymentEvent = v.InferOutput<typeof PaymentEventSchema>;
export type PaymentEventType = PaymentEvent['type'];

export const parsePaymentEvent = createEventParser(PaymentEventSchema, 'payment');
