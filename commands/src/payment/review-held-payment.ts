import { randomUUID } from 'node:crypto';
import {
  isPayGateError,
  moneyFromJson,
  paymentDecider,
  paymentStreamId,
  parsePaymentEvent,
  type EventMetadata,
  type EventStore,
  type HeldPaymentDecision,
  type InvoiceSnapshot,
  type PaymentCommand,
  type PaymentEvent,
  type PaymentState,
} from '@paygate/domain';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import { withInvoicePayer } from './invoice-payer.ts';

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
 * The release, naming who paid the held payment's invoice. A release grants, so it first claims
 * the invoice (invoice-payer.ts); the decider then refuses it if another payment paid it.
 */
const releaseOnPayer = async (eventStore: EventStore, data: HeldPaymentDecision, metadata: EventMetadata): Promise<PaymentCommand> => {
  const release = (paidBy?: string): PaymentCommand => ({ type: 'ReleaseHeldPayment', data: { ...data, ...(paidBy === undefined ? {} : { invoicePaidBy: paidBy }) } });
  const recorded = await eventStore.readStream(paymentStreamId(data.paymentId));
  const state = recorded.reduce((folded, event) => paymentDecider.evolve(folded, parsePaymentEvent(event)), paymentDecider.initialState);
  const held = state.hold?.held;
  if (held === undefined) return release(); // refused by the decider: nothing is held
  const decide = (invoice: InvoiceSnapshot) => {
    try {
      return paymentDecider.decide(release(invoice.paidBy?.paymentId), state);
    } catch (error) {
      if (isPayGateError(error)) return []; // refused again below, by the same rule
      throw error;
    }
  };
  const { invoiceId, channelId, tierId, subscriberId, price, durationDays, donation } = held;
  // A held donation has no duration (it buys no time); its release is DonationReceived.
  const terms: InvoiceSnapshot = { invoiceId, channelId, tierId, subscriberId, price: moneyFromJson(price), durationDays: durationDays ?? 0, ...(donation === undefined ? {} : { donation }) };
  const invoice = await withInvoicePayer({ eventStore, invoice: terms, paymentId: data.paymentId, decide, metadata });
  return release(invoice.paidBy?.paymentId);
};

/**
 * Appends the decision to `payment-<paymentId>`: release → PaymentHoldReleased + PaymentReceived
 * (DonationReceived for a donation)
 * (which the access and split managers then act on, as for any grant); reject →
 * PaymentHoldRejected. The same decision again appends nothing; the other one is 'conflict'. A
 * release first records the payment as its invoice's payer (InvoicePaid), and is 'conflict' when
 * another payment paid the invoice meanwhile.
 * Event ids depend only on the stream and type (each happens at most once per payment), so a
 * retried call racing the first is an idempotent repeat.
 */
export const reviewHeldPayment =
  ({ eventStore, clock }: { eventStore: EventStore; clock: () => Date }): ReviewHeldPayment =>
  async (review, metadata = {}) => {
    const streamId = paymentStreamId(review.paymentId);
    const data = { paymentId: review.paymentId, decidedBy: review.decidedBy, note: review.note, decidedAt: clock().toISOString() };
    const fullMetadata = { correlationId: randomUUID(), source: 'operator', ...metadata };
    const command: PaymentCommand =
      review.decision === 'release' ? await releaseOnPayer(eventStore, data, fullMetadata) : { type: 'RejectHeldPayment', data };
    const { events } = await handleCommand<PaymentState, PaymentEvent>({
      eventStore,
      streamId,
      initialState: () => paymentDecider.initialState,
      evolve: (state, event) => paymentDecider.evolve(state, parsePaymentEvent(event)),
      decide: (state) => paymentDecider.decide(command, state),
      eventId: (event) => deterministicId('held-payment-review', streamId, event.type),
      metadata: fullMetadata,
    });
    return { paymentId: review.paymentId, eventTypes: events.map((event) => event.type) };
  };
