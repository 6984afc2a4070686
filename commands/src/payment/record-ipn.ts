import { randomUUID } from 'node:crypto';
import {
  isPayGateError,
  normalizeNotice,
  parsePaymentEvent,
  parseRefusedPaymentEvent,
  parseUnmatchedPaymentEvent,
  paymentDecider,
  paymentStreamId,
  PayGateError,
  refusedPaymentDecider,
  refusedPaymentStreamId,
  unmatchedPaymentDecider,
  unmatchedPaymentStreamId,
  type EventMetadata,
  type EventStore,
  type InvoiceSnapshot,
  type IpnNotice,
  type NormalizedNotice,
  type PaymentEvent,
  type PaymentNotice,
  type PaymentNoticeRefused,
  type PaymentState,
  type RefusedPaymentState,
  type UnmatchedPaymentEvent,
  type UnmatchedPaymentState,
} from '@paygate/domain';
import { createStreamCache, handleCommand } from '../command-handler/index.ts';
import { againstInvoice, attachedInvoiceOf } from './attached-invoice.ts';
import { withInvoicePayer } from './invoice-payer.ts';
import { createInvoiceSnapshotCache } from './invoice-snapshot-cache.ts';
import { ipnEventId } from './ipn-event-id.ts';

/**
 * - recorded: the payment moved (or a conflict was recorded) in `payment-<id>`;
 * - unmatched: the order id names none of our invoices; kept in `unmatched-payment-<id>`;
 * - refused: genuine but not accountable (see PaymentNoticeRefused); kept in `refused-payment-<id>`;
 * - duplicate: nothing new (a retry, a copy, an older status): nothing was appended.
 */
export type IpnOutcome = {
  outcome: 'recorded' | 'unmatched' | 'refused' | 'duplicate';
  paymentId: string;
  status: NormalizedNotice['status'];
  streamId: string;
  /** Types of the events appended by this call (empty for a duplicate). */
  eventTypes: string[];
  /** Why the decider refused it (outcome 'refused'). */
  reason?: string;
};

export type RecordIpn = (notice: IpnNotice, metadata?: EventMetadata) => Promise<IpnOutcome>;

export type RecordIpnDeps = {
  eventStore: EventStore;
  clock: () => Date;
  /** Optimistic-concurrency attempts per append before the conflict is reported. */
  maxAttempts?: number;
  /** How many payment and invoice streams to keep for deciding without a read (default 10,000). */
  cachedStreams?: number;
};

type Refusal = { kind: 'validation' | 'conflict'; message: string };

const refusable = (error: unknown): error is PayGateError =>
  isPayGateError(error) && (error.kind === 'validation' || error.kind === 'conflict');

/**
 * Records one verified IPN. A notice that does not normalize is PayGateError('validation') (the
 * caller's 400); everything after that is idempotent: event ids come from (stream, event type,
 * status), so a duplicate, even one racing the original, appends nothing new. Events read back
 * are validated by their schemas; a stored event failing that is 'internal', never the sender's fault.
 * A `refunded` notice of a payment attached to an invoice is recorded against that invoice.
 */
export const recordIpn = ({ eventStore, clock, maxAttempts = 5, cachedStreams = 10_000 }: RecordIpnDeps): RecordIpn => {
  // Payment and invoice streams this process read or wrote lately: a payment's next notice, and
  // a grant's invoice claim, are decided without reading their stream again.
  const streams = createStreamCache({ maxStreams: cachedStreams });
  const findInvoice = createInvoiceSnapshotCache(eventStore, 10_000, streams);
  const append = <State, Event extends { type: string; data: unknown }>(
    streamId: string,
    status: NormalizedNotice['status'],
    decider: { initialState: State; evolve: (state: State, event: Event) => State },
    parse: (event: { type: string; data: unknown }) => Event,
    decide: (state: State) => Event[],
    metadata: EventMetadata,
  ) =>
    handleCommand<State, Event>({
      eventStore,
      streamId,
      initialState: () => decider.initialState,
      evolve: (state, event) => decider.evolve(state, parse(event)),
      decide,
      eventId: (event) => ipnEventId(streamId, status, event),
      metadata,
      maxAttempts,
      cache: streams,
    });

  /** A finished payment is decided knowing who paid the invoice; a grant claims it first (invoice-payer.ts). */
  const termsFor = async (notice: NormalizedNotice, input: PaymentNotice, invoice: InvoiceSnapshot, metadata: EventMetadata) => {
    if (notice.status !== 'finished') return invoice;
    // A grant claims the invoice below, so what it is decided on must be read, never cached.
    const recorded = await eventStore.readStream(paymentStreamId(notice.paymentId));
    streams.remember(paymentStreamId(notice.paymentId), recorded);
    const state = recorded.reduce((folded, event) => paymentDecider.evolve(folded, parsePaymentEvent(event)), paymentDecider.initialState);
    const decide = (terms: InvoiceSnapshot) => {
      try {
        return paymentDecider.decide({ type: 'RecordPaymentStatus', data: { notice: input, invoice: terms } }, state);
      } catch (error) {
        if (refusable(error)) return []; // refused below, with the terms as they are
        throw error;
      }
    };
    return withInvoicePayer({ eventStore, invoice, paymentId: notice.paymentId, decide, metadata, cache: streams });
  };

  const recordForInvoice = async (notice: NormalizedNotice, input: PaymentNotice, cached: InvoiceSnapshot, metadata: EventMetadata) => {
    const streamId = paymentStreamId(notice.paymentId);
    const invoice = await termsFor(notice, input, cached, metadata);
    let refusal: Refusal | undefined;
    const { events } = await append<PaymentState, PaymentEvent>(streamId, notice.status, paymentDecider, parsePaymentEvent, (state) => {
      refusal = undefined; // decide runs again after an append conflict
      try {
        return paymentDecider.decide({ type: 'RecordPaymentStatus', data: { notice: input, invoice } }, state);
      } catch (error) {
        if (!refusable(error)) throw error;
        refusal = { kind: error.kind as Refusal['kind'], message: error.message };
        return [];
      }
    }, metadata);
    if (!refusal) return { streamId, events, outcome: events.length > 0 ? ('recorded' as const) : ('duplicate' as const) };
    const refused = refusal;
    const refusedStream = refusedPaymentStreamId(notice.paymentId);
    const command = {
      type: 'RecordRefusedNotice' as const,
      data: { notice, invoiceId: invoice.invoiceId, errorKind: refused.kind, reason: refused.message, refusedAt: clock().toISOString() },
    };
    const result = await append<RefusedPaymentState, PaymentNoticeRefused>(
      refusedStream,
      notice.status,
      refusedPaymentDecider,
      parseRefusedPaymentEvent,
      (state) => refusedPaymentDecider.decide(command, state),
      metadata,
    );
    return { streamId: refusedStream, events: result.events, outcome: 'refused' as const, reason: refused.message };
  };

  const recordUnmatched = async (notice: NormalizedNotice, input: PaymentNotice, metadata: EventMetadata) => {
    const streamId = unmatchedPaymentStreamId(notice.paymentId);
    const { events } = await append<UnmatchedPaymentState, UnmatchedPaymentEvent>(
      streamId,
      notice.status,
      unmatchedPaymentDecider,
      parseUnmatchedPaymentEvent,
      (state) => unmatchedPaymentDecider.decide({ type: 'RecordUnmatchedPayment', data: { notice: input } }, state),
      metadata,
    );
    return { streamId, events, outcome: events.length > 0 ? ('unmatched' as const) : ('duplicate' as const) };
  };

  return async (ipn, extraMetadata = {}) => {
    const input: PaymentNotice = { ...ipn, receivedAt: clock().toISOString() };
    const notice = normalizeNotice(input); // the one validation error that is the sender's
    const metadata: EventMetadata = {
      correlationId: notice.ipnId ?? randomUUID(),
      ...(notice.ipnId === undefined ? {} : { causationId: notice.ipnId }),
      source: 'nowpayments-ipn',
      ...extraMetadata,
    };
    try {
      const invoice = notice.orderId === undefined ? null : await findInvoice(notice.orderId);
      // A refund of a payment an operator attached to an invoice is that invoice's refund (PaymentRefunded follows).
      const attachedTo = notice.status === 'refunded' ? await attachedInvoiceOf(eventStore, notice.paymentId) : undefined;
      const attached = attachedTo !== undefined && attachedTo !== invoice?.invoiceId ? await findInvoice(attachedTo) : null;
      const [forInvoice, inputFor, terms] = attached ? [...againstInvoice(notice, input, attached.invoiceId), attached] as const : [notice, input, invoice] as const;
      const result = terms ? await recordForInvoice(forInvoice, inputFor, terms, metadata) : await recordUnmatched(notice, input, metadata);
      return {
        outcome: result.outcome,
        paymentId: notice.paymentId,
        status: notice.status,
        streamId: result.streamId,
        eventTypes: result.events.map((event) => event.type),
        ...('reason' in result ? { reason: result.reason } : {}),
      };
    } catch (error) {
      // Refusals were handled above, so a validation error here is about stored data, not the IPN.
      if (isPayGateError(error) && error.kind === 'validation') {
        throw new PayGateError('internal', `stored events failed validation while recording payment ${notice.paymentId}`, {}, { cause: error });
      }
      throw error;
    }
  };
};
