import * as v from 'valibot';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { noticeEntries } from './payment-notice.ts';

/**
 * A genuine (signed, well-formed) IPN the payment decider refused: a `finished` in a currency
 * missing from the registry or without an outcome amount (validation), or a payment id already
 * recorded for another invoice (conflict). Retrying cannot change the answer, so the webhook
 * acknowledges it and this event keeps it, whole, where an operator sees it; after the fix
 * (e.g. the currency added) `recordIpn(refusedNotice(event))` records it for real.
 */
export const refusedPaymentStreamId = (paymentId: string): string => `refused-payment-${paymentId}`;

export const PaymentNoticeRefusedSchema = v.object({
  type: v.literal('PaymentNoticeRefused'),
  data: v.object({
    paymentId: IdSchema,
    status: noticeEntries.status,
    /** The invoice the order id named, when there is one. */
    invoiceId: v.exactOptional(IdSchema),
    errorKind: v.picklist(['validation', 'conflict']),
    reason: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
    notice: v.object({ ...noticeEntries, orderId: v.exactOptional(IdSchema) }),
    refusedAt: TimestampSchema,
  }),
});

export type PaymentNoticeRefused = v.InferOutput<typeof PaymentNoticeRefusedSchema>;
export const parseRefusedPaymentEvent = createEventParser(v.variant('type', [PaymentNoticeRefusedSchema]), 'refused payment');
