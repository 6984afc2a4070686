import {
  invoiceDecider,
  invoiceStreamId,
  moneyFromJson,
  parseInvoiceEvent,
  type EventMetadata,
  type EventStore,
  type InvoiceEvent,
  type InvoicePayment,
  type InvoiceSnapshot,
  type InvoiceState,
  type MoneyJson,
  type PaymentEvent,
} from '@paygate/domain';
import { handleCommand, type StreamCache } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import { loadCachedInvoice, loadInvoice } from '../invoice/index.ts';

export type InvoicePaymentClaim = { invoiceId: string; paymentId: string; actuallyPaid: MoneyJson; outcome: MoneyJson; paidAt: string };

/** The payment that paid the invoice, as its stream says now. */
export const invoicePayer = async (eventStore: EventStore, invoiceId: string, cache?: StreamCache): Promise<InvoicePayment | undefined> => {
  // A cached "no payer yet" may be stale; the claim below expects the cached revision, so a
  // payer recorded meanwhile makes it conflict and the winner is read then.
  const state = await (cache ? loadCachedInvoice(eventStore, invoiceId, cache) : loadInvoice(eventStore, invoiceId));
  return state.status === 'created' ? state.paidBy : undefined;
};

/**
 * Records the payment as the invoice's payer (InvoicePaid) unless one is recorded, and returns
 * the payer after: this payment, or the one that was first. The invoice stream's expected
 * revision makes this the one point where two payments racing for an invoice are ordered. The
 * event id names the payment: a retried claim of the same payment is an idempotent repeat, while
 * another payment's claim is a different event and meets the conflict.
 */
export const claimInvoice = async (
  eventStore: EventStore,
  claim: InvoicePaymentClaim,
  metadata: EventMetadata,
  cache?: StreamCache,
): Promise<InvoicePayment> => {
  const streamId = invoiceStreamId(claim.invoiceId);
  let seen: InvoiceState = invoiceDecider.initialState;
  const { events } = await handleCommand<InvoiceState, InvoiceEvent>({
    eventStore,
    streamId,
    initialState: () => invoiceDecider.initialState,
    evolve: (state, event) => invoiceDecider.evolve(state, parseInvoiceEvent(event)),
    decide: (state) => {
      seen = state;
      return invoiceDecider.decide({ type: 'RecordInvoicePayment', data: claim }, state);
    },
    eventId: () => deterministicId('invoice-paid', streamId, claim.paymentId),
    metadata,
    ...(cache ? { cache } : {}),
  });
  if (events.length > 0 || seen.status !== 'created' || seen.paidBy === undefined) {
    return { paymentId: claim.paymentId, actuallyPaid: moneyFromJson(claim.actuallyPaid), outcome: moneyFromJson(claim.outcome) };
  }
  return seen.paidBy;
};

/**
 * The invoice terms a payment's decision runs on, with the payer filled in: `decide` runs once
 * dry on the payer as it stands; when that grants (PaymentReceived, or DonationReceived) and no payer is recorded,
 * this payment claims the invoice first — before any grant is appended — and the decision is
 * then made on whoever won. A decision that grants nothing claims nothing.
 */
export const withInvoicePayer = async (input: {
  eventStore: EventStore;
  invoice: InvoiceSnapshot;
  paymentId: string;
  /** The payment's decision on these invoice terms (empty on a refusal). */
  decide: (invoice: InvoiceSnapshot) => readonly PaymentEvent[];
  metadata: EventMetadata;
  /** The invoice stream as read here is what the claim decides on (its expected revision checks it). */
  cache?: StreamCache;
}): Promise<InvoiceSnapshot> => {
  const { eventStore, paymentId, metadata, cache } = input;
  const payer = await invoicePayer(eventStore, input.invoice.invoiceId, cache);
  const invoice: InvoiceSnapshot = { ...input.invoice, ...(payer === undefined ? {} : { paidBy: payer }) };
  if (payer !== undefined) return invoice;
  // A donation is paid once too: DonationReceived claims its invoice like PaymentReceived.
  const grant = input.decide(invoice).find((event) => event.type === 'PaymentReceived' || event.type === 'DonationReceived');
  if (grant?.type !== 'PaymentReceived' && grant?.type !== 'DonationReceived') return invoice;
  const { actuallyPaid, outcome, receivedAt } = grant.data;
  const winner = await claimInvoice(eventStore, { invoiceId: invoice.invoiceId, paymentId, actuallyPaid, outcome, paidAt: receivedAt }, metadata, cache);
  return { ...invoice, paidBy: winner };
};
