import * as v from 'valibot';
import { IdSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { noticeEntries } from './payment-notice.ts';

/** IPNs whose order_id matches none of our invoices (or is null): kept for an operator, never dropped. */
export const unmatchedPaymentStreamId = (paymentId: string): string => `unmatched-payment-${paymentId}`;

export const UnmatchedPaymentRecordedSchema = v.object({
  type: v.literal('UnmatchedPaymentRecorded'),
  data: v.object({ ...noticeEntries, orderId: v.exactOptional(IdSchema) }),
});

export const UnmatchedPaymentEventSchema = v.variant('type', [UnmatchedPaymentRecordedSchema]);

export type UnmatchedPaymentRecorded = v.InferOutput<typeof UnmatchedPaymentRecordedSchema>;
export type UnmatchedPaymentEvent = v.InferOutput<typeof UnmatchedPaymentEventSchema>;

export const parseUnmatchedPaymentEvent = createEventParser(UnmatchedPaymentEventSchema, 'unmatched payment');
