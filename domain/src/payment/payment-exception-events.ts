import * as v from 'valibot';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';

/**
 * What kind of exception an operator decided on (docs/payments.md, "Payment exceptions"): a
 * payment that matched no invoice, one whose price did not match, underpaid, a re-deposit, a
 * second payment of a paid invoice, one held for review, one whose statuses conflicted, one the
 * decider refused.
 */
export const PAYMENT_EXCEPTION_KINDS = ['unmatched', 'mismatched', 'underpaid', 'redeposit', 'paid_twice', 'held', 'status_conflicted', 'refused'] as const;
export type PaymentExceptionKind = (typeof PAYMENT_EXCEPTION_KINDS)[number];

const decision = {
  paymentId: IdSchema,
  kind: v.picklist(PAYMENT_EXCEPTION_KINDS),
  /** Who decided: an operator id or name without spaces (audit trail). */
  decidedBy: IdSchema,
  decidedAt: TimestampSchema,
};
const Text = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(500));

/** An operator attached the payment to an invoice it covers; the PaymentReceived that grants follows in the same append. */
export const PaymentExceptionAttachedSchema = v.object({
  type: v.literal('PaymentExceptionAttached'),
  data: v.object({ ...decision, invoiceId: IdSchema, note: Text }),
});

/** An operator closed the exception (refunded elsewhere, written off, …): it leaves the list, grants nothing. */
export const PaymentExceptionClosedSchema = v.object({
  type: v.literal('PaymentExceptionClosed'),
  data: v.object({ ...decision, reason: Text }),
});

export type PaymentExceptionAttached = v.InferOutput<typeof PaymentExceptionAttachedSchema>;
export type PaymentExceptionClosed = v.InferOutput<typeof PaymentExceptionClosedSchema>;
