import { randomUUID } from 'node:crypto';
import {
  paymentDecider,
  paymentStreamId,
  parsePaymentEvent,
  type EventMetadata,
  type EventStore,
  type PaymentCommand,
  type PaymentEvent,
  type PaymentState,
} from '@paygate/domain';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';

/** An operator's decision on a payment the underpayment guard held (PaymentHeldForReview). */
export type HeldPaymentReview = {
  decision: 'release' | 'reject';
  paymentId: string;
  /** The operator, as an id without spaces; recorded on the event. */
  decidedBy: string;
  note: string;
};

export type ReviewHeldPayment = (review: HeldPaymentReview, metadata?: EventMetadata) => Promise<{ paymentId: string; eventTypes: string[] }>;

/**
 * Appends the decision to `payment-<paymentId>`: release → PaymentHoldReleased + PaymentReceived
 * (which the access and split managers then act on, as for any grant); reject →
 * PaymentHoldRejected. The same decision again appends nothing; the other one is 'conflict'.
 * Event ids depend only on the stream and type (each happens at most once per payment), so a
 * retried call racing the first is an idempotent repeat.
 */
export const reviewHeldPayment =
  ({ eventStore, clock }: { eventStore: EventStore; clock: () => Date }): ReviewHeldPayment =>
  async (review, metadata = {}) => {
    const streamId = paymentStreamId(review.paymentId);
    const data = { paymentId: review.paymentId, decidedBy: review.decidedBy, note: review.note, decidedAt: clock().toISOString() };
    const command: PaymentCommand =
      review.decision === 'release' ? { type: 'ReleaseHeldPayment', data } : { type: 'RejectHeldPayment', data };
    const { events } = await handleCommand<PaymentState, PaymentEvent>({
      eventStore,
      streamId,
      initialState: () => paymentDecider.initialState,
      evolve: (state, event) => paymentDecider.evolve(state, parsePaymentEvent(event)),
      decide: (state) => paymentDecider.decide(command, state),
      eventId: (event) => deterministicId('held-payment-review', streamId, event.type),
      metadata: { correlationId: randomUUID(), source: 'operator', ...metadata },
    });
    return { paymentId: review.paymentId, eventTypes: events.map((event) => event.type) };
  };
