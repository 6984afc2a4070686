import { randomUUID } from 'node:crypto';
import {
  invoiceSnapshot,
  isPayGateError,
  parsePaymentEvent,
  parseRefusedPaymentEvent,
  parseUnmatchedPaymentEvent,
  paymentDecider,
  paymentStreamId,
  PayGateError,
  refusedPaymentStreamId,
  unmatchedPaymentStreamId,
  type EventMetadata,
  type EventStore,
  type InvoiceSnapshot,
  type NormalizedNotice,
  type PaymentCommand,
  type PaymentEvent,
  type PaymentExceptionKind,
  type PaymentState,
} from '@paygate/domain';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import { loadInvoice } from '../invoice/index.ts';
import { withInvoicePayer } from './invoice-payer.ts';

/** The outcome events that make a payment an exception, by kind. */
const KIND_OF: Partial<Record<PaymentEvent['type'], PaymentExceptionKind>> = {
  PaymentMismatched: 'mismatched',
  PaymentUnderpaid: 'underpaid',
  PaymentRedepositRecorded: 'redeposit',
  InvoicePaidTwice: 'paid_twice',
  PaymentHeldForReview: 'held',
  PaymentStatusConflicted: 'status_conflicted',
};

export type FoundException = { kind: PaymentExceptionKind; reported: NormalizedNotice; state: PaymentState };

/** A finished notice preferred, unless NOWPayments reported the payment refunded since (then that, so attach refuses). */
const latestFinished = <T extends { status: string }>(notices: readonly T[]): T | undefined =>
  notices.findLast((notice) => notice.status === 'refunded') ?? notices.findLast((notice) => notice.status === 'finished') ?? notices.at(-1);

/**
 * The payment as an exception: its kind and what NOWPayments last reported of it, wherever it was
 * kept — its own stream (mismatched, underpaid, …; a conflicted status's amounts over the last
 * recorded one), the unmatched stream, or the refused one (a finished notice preferred, a refunded
 * one over it). Not an
 * exception anywhere: PayGateError('not_found').
 */
export const findPaymentException = async (eventStore: EventStore, paymentId: string): Promise<FoundException> => {
  const events = (await eventStore.readStream(paymentStreamId(paymentId))).map(parsePaymentEvent);
  const state = events.reduce(paymentDecider.evolve, paymentDecider.initialState);
  const lastStatus = events.findLast((event) => event.type === 'PaymentStatusRecorded');
  const marked = events.findLast((event) => KIND_OF[event.type] !== undefined);
  if (marked && lastStatus?.type === 'PaymentStatusRecorded') {
    const { invoiceId: _invoiceId, ...notice } = lastStatus.data;
    if (marked.type !== 'PaymentStatusConflicted') return { kind: KIND_OF[marked.type]!, reported: notice, state };
    const { reportedStatus, actuallyPaid, payCurrency, outcomeAmount, outcomeCurrency } = marked.data;
    const amounts = { actuallyPaid, payCurrency, ...(outcomeAmount === undefined ? {} : { outcomeAmount }), ...(outcomeCurrency === undefined ? {} : { outcomeCurrency }) };
    const { outcomeAmount: _a, outcomeCurrency: _c, ...rest } = notice;
    return { kind: 'status_conflicted', reported: { ...rest, ...amounts, status: reportedStatus }, state };
  }
  const unmatched = (await eventStore.readStream(unmatchedPaymentStreamId(paymentId))).map((event) => parseUnmatchedPaymentEvent(event).data);
  const unmatchedNotice = latestFinished(unmatched);
  if (unmatchedNotice) return { kind: 'unmatched', reported: unmatchedNotice, state };
  const refused = (await eventStore.readStream(refusedPaymentStreamId(paymentId))).map((event) => parseRefusedPaymentEvent(event).data.notice);
  const refusedNotice = latestFinished(refused);
  if (refusedNotice) return { kind: 'refused', reported: refusedNotice, state };
  throw new PayGateError('not_found', `payment ${paymentId} is no exception: it is neither unmatched, mismatched, underpaid, a re-deposit, paid twice, held, conflicted nor refused`, { paymentId });
};

export type PaymentExceptionDecision = { paymentId: string; decidedBy: string };

export type PaymentExceptions = {
  /** Grants `invoiceId` from the payment if it covers the price (docs/payments.md, "Payment exceptions"). */
  attach(input: PaymentExceptionDecision & { invoiceId: string; note: string }, metadata?: EventMetadata): Promise<{ eventTypes: string[] }>;
  /** Closes the exception with a reason; it grants nothing and leaves the list. */
  close(input: PaymentExceptionDecision & { reason: string }, metadata?: EventMetadata): Promise<{ eventTypes: string[] }>;
};

/**
 * The operator's side of payment exceptions. Both append to `payment-<paymentId>` with ids from
 * the stream and the event type (each decision happens at most once per payment), so a retry is
 * an idempotent repeat. An attach that grants first records the payment as its invoice's payer
 * (InvoicePaid, invoice-payer.ts), so no invoice is ever granted twice.
 */
export const createPaymentExceptions = ({ eventStore, clock }: { eventStore: EventStore; clock: () => Date }): PaymentExceptions => {
  const run = async (paymentId: string, command: (state: PaymentState) => PaymentCommand, metadata: EventMetadata) => {
    const streamId = paymentStreamId(paymentId);
    const { events } = await handleCommand<PaymentState, PaymentEvent>({
      eventStore,
      streamId,
      initialState: () => paymentDecider.initialState,
      evolve: (state, event) => paymentDecider.evolve(state, parsePaymentEvent(event)),
      decide: (state) => paymentDecider.decide(command(state), state),
      eventId: (event) => deterministicId('payment-exception', streamId, event.type),
      metadata: { correlationId: randomUUID(), source: 'operator', ...metadata },
    });
    return { eventTypes: events.map((event) => event.type) };
  };

  return {
    async attach({ paymentId, invoiceId, decidedBy, note }, metadata = {}) {
      const { kind, reported, state } = await findPaymentException(eventStore, paymentId);
      // The money went back to the payer: attaching would grant access for nothing.
      if (reported.status === 'refunded') throw new PayGateError('conflict', `payment ${paymentId} was refunded by NOWPayments; there is nothing to attach (close it instead)`, { paymentId });
      const terms = invoiceSnapshot(await loadInvoice(eventStore, invoiceId));
      if (terms === null) throw new PayGateError('not_found', `invoice ${invoiceId} does not exist`, { invoiceId });
      const decidedAt = clock().toISOString();
      const attach = (invoice: InvoiceSnapshot): PaymentCommand => ({ type: 'AttachPaymentException', data: { paymentId, kind, reported, invoice, decidedBy, note, decidedAt } });
      const decide = (invoice: InvoiceSnapshot) => {
        try {
          return paymentDecider.decide(attach(invoice), state);
        } catch (error) {
          if (isPayGateError(error)) return []; // refused again below, by the same rule
          throw error;
        }
      };
      const invoice = await withInvoicePayer({ eventStore, invoice: terms, paymentId, decide, metadata });
      return run(paymentId, () => attach(invoice), metadata);
    },
    async close({ paymentId, decidedBy, reason }, metadata = {}) {
      const { kind } = await findPaymentException(eventStore, paymentId);
      return run(paymentId, () => ({ type: 'ClosePaymentException', data: { paymentId, kind, decidedBy, reason, decidedAt: clock().toISOString() } }), metadata);
    },
  };
};
