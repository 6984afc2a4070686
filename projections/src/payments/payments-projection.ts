import {
  DONATION_TIER_ID,
  parseInvoiceEvent,
  parsePaymentEvent,
  type GlobalPosition,
  type PaymentEvent,
  type PaymentExceptionAttached,
  type PaymentExceptionClosed,
  type PaymentHoldRejected,
  type PaymentHoldReleased,
  type PaymentStatusRecorded,
  type RecordedEvent,
} from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type Row, type RowSet, type TableKey } from '../rows/index.ts';
import { paymentsDdl } from './payments-tables.ts';
import { receivedRow, receivedTerms } from './received-row.ts';

/**
 * subscription | donation, from the events alone (never from the tier id, which a tier created
 * before the id was reserved may share): the invoice row's kind (DonationInvoiceCreated), or a
 * DonationReceived on the payment.
 */
export type PaymentKind = 'subscription' | 'donation';

/**
 * Who a donation's row names: the donor only when they allowed the owner to see their name;
 * otherwise nobody (for every reader, operators included: the donor id stays in the event log).
 */
export const visibleDonor = (donorId: string, showName: boolean): string | null => (showName ? donorId : null);

/** The consequence events and the outcome each one records on the payment. */
export const PAYMENT_OUTCOMES = {
  PaymentReceived: 'received',
  DonationReceived: 'received',
  PaymentHeldForReview: 'held_for_review',
  InvoicePaidTwice: 'paid_twice',
  PaymentMismatched: 'mismatched',
  PaymentUnderpaid: 'underpaid',
  PaymentRedepositRecorded: 'redeposit',
  PaymentFailed: 'failed',
  PaymentExpired: 'expired',
  PaymentRefunded: 'refunded',
} as const satisfies Partial<Record<PaymentEvent['type'], string>>;

type Moved = { updated_commit: string; updated_prepare: string };

const NOT_RECEIVED = {
  received_paid_amount: null,
  received_paid_currency: null,
  received_paid_decimals: null,
  received_outcome_amount: null,
  received_outcome_currency: null,
  received_outcome_decimals: null,
};

const recordStatus = (rows: RowSet, { data }: PaymentStatusRecorded, position: GlobalPosition, moved: Moved): void => {
  const payment = rows.get('payments', { payment_id: data.paymentId });
  if (payment && rowHasSeen(payment, position)) return;
  // The notice as last reported; optional amounts keep the last value NOWPayments sent.
  const reported = {
    status: data.status,
    reported_price_amount: data.priceAmount,
    reported_price_currency: data.priceCurrency,
    pay_amount: data.payAmount ?? payment?.pay_amount ?? null,
    actually_paid: data.actuallyPaid,
    pay_currency: data.payCurrency,
    outcome_amount: data.outcomeAmount ?? payment?.outcome_amount ?? null,
    outcome_currency: data.outcomeCurrency ?? payment?.outcome_currency ?? null,
    parent_payment_id: data.parentPaymentId ?? payment?.parent_payment_id ?? null,
    updated_at: data.receivedAt,
    ...moved,
  };
  if (payment) {
    rows.put('payments', { ...payment, ...reported });
    return;
  }
  const invoice = rows.get('payment_invoices', { invoice_id: data.invoiceId });
  rows.put('payments', {
    payment_id: data.paymentId,
    invoice_id: data.invoiceId,
    channel_id: invoice?.channel_id ?? null,
    tier_id: invoice?.tier_id ?? null,
    kind: (invoice?.kind as PaymentKind | undefined) ?? 'subscription',
    subscriber_id: invoice?.subscriber_id ?? null,
    price_amount: invoice?.price_amount ?? null,
    price_currency: invoice?.price_currency ?? null,
    price_decimals: invoice?.price_decimals ?? null,
    outcome: null,
    conflicts: 0,
    first_seen_at: data.receivedAt,
    ...NOT_RECEIVED,
    ...reported,
  });
};

/** Fields a consequence event sets besides its outcome. */
const consequenceFields = (event: PaymentEvent) => {
  switch (event.type) {
    case 'PaymentReceived':
    case 'DonationReceived': {
      const { actuallyPaid, outcome } = event.data;
      return {
        received_paid_amount: actuallyPaid.amount,
        received_paid_currency: actuallyPaid.currency,
        received_paid_decimals: actuallyPaid.decimals,
        received_outcome_amount: outcome.amount,
        received_outcome_currency: outcome.currency,
        received_outcome_decimals: outcome.decimals,
      };
    }
    case 'PaymentRedepositRecorded':
      return { parent_payment_id: event.data.parentPaymentId };
    default:
      return {};
  }
};

type Consequence = Exclude<PaymentEvent, PaymentStatusRecorded | PaymentHoldRejected | PaymentHoldReleased | PaymentExceptionAttached | PaymentExceptionClosed>;

const recordConsequence = (rows: RowSet, payment: Row, event: Consequence, moved: Moved): void => {
  // DonationReceived names the donor and no tier; every other outcome event of a donation has the donation tier id.
  const { channelId, receivedAt } = event.data;
  const { tierId, subscriberId } =
    event.type === 'DonationReceived'
      ? { tierId: DONATION_TIER_ID, subscriberId: visibleDonor(event.data.donorId, event.data.showName) }
      : // A donation's other outcome events name the donor as subscriber whether or not they allowed it: never copied.
        // A row seen before its invoice row does not know its kind yet: the reserved tier id says donation (privacy wins for a legacy tier of that id).
        { tierId: event.data.tierId, subscriberId: payment.kind === 'donation' || event.data.tierId === DONATION_TIER_ID ? null : event.data.subscriberId };
  const changes =
    event.type === 'PaymentStatusConflicted'
      ? { conflicts: Number(payment.conflicts) + 1 }
      : { outcome: PAYMENT_OUTCOMES[event.type], ...consequenceFields(event) };
  rows.put('payments', {
    ...payment,
    ...changes,
    // Every outcome event names the purchase, so a payment first seen without its invoice row still learns it.
    channel_id: payment.channel_id ?? channelId,
    tier_id: payment.tier_id ?? tierId,
    kind: event.type === 'DonationReceived' ? 'donation' : payment.kind,
    subscriber_id: payment.subscriber_id ?? subscriberId,
    updated_at: receivedAt,
    ...moved,
  });
};

const touches = (recorded: RecordedEvent): TableKey[] => {
  if (recorded.type === 'InvoiceCreated' || recorded.type === 'DonationInvoiceCreated') return [{ table: 'payment_invoices', key: { invoice_id: parseInvoiceEvent(recorded).data.invoiceId } }];
  const event = parsePaymentEvent(recorded);
  const payment = { table: 'payments', key: { payment_id: event.data.paymentId } };
  return event.type === 'PaymentStatusRecorded' ? [payment, { table: 'payment_invoices', key: { invoice_id: event.data.invoiceId } }] : [payment];
};

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  if (recorded.type === 'InvoiceCreated' || recorded.type === 'DonationInvoiceCreated') {
    const invoice = parseInvoiceEvent(recorded);
    if (invoice.type === 'InvoiceLinked' || invoice.type === 'InvoicePaid' || rows.get('payment_invoices', { invoice_id: invoice.data.invoiceId })) return;
    const { invoiceId, channelId } = invoice.data;
    const { tierId, subscriberId, price } =
      invoice.type === 'DonationInvoiceCreated'
        ? { tierId: DONATION_TIER_ID, subscriberId: visibleDonor(invoice.data.donorId, invoice.data.showName), price: invoice.data.amount }
        : invoice.data;
    rows.put('payment_invoices', {
      invoice_id: invoiceId,
      channel_id: channelId,
      tier_id: tierId,
      subscriber_id: subscriberId,
      kind: invoice.type === 'DonationInvoiceCreated' ? 'donation' : 'subscription',
      price_amount: price.amount,
      price_currency: price.currency,
      price_decimals: price.decimals,
    });
    return;
  }
  const event = parsePaymentEvent(recorded);
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  if (event.type === 'PaymentStatusRecorded') return recordStatus(rows, event, recorded.position, moved);
  // A release is not applied by itself: the PaymentReceived appended with it turns the row into 'received'.
  if (event.type === 'PaymentHoldReleased') return;
  // An operator's exception decision: a grant is the PaymentReceived appended with it (payment_exceptions lists the rest).
  if (event.type === 'PaymentExceptionAttached' || event.type === 'PaymentExceptionClosed') return;
  const payment = rows.get('payments', { payment_id: event.data.paymentId });
  // An attached payment's first event on its stream is its grant (its notices are elsewhere).
  if (!payment && (event.type === 'PaymentReceived' || event.type === 'DonationReceived')) {
    const terms = receivedTerms(event);
    return void rows.put('payments', { ...receivedRow(terms, moved), kind: event.type === 'DonationReceived' ? 'donation' : 'subscription' });
  }
  if (!payment || rowHasSeen(payment, recorded.position)) return;
  if (event.type === 'PaymentHoldRejected') {
    rows.put('payments', { ...payment, outcome: 'rejected', updated_at: event.data.decidedAt, ...moved });
    return;
  }
  recordConsequence(rows, payment, event, moved);
};

/**
 * One row per payment (table `payments`): invoice, channel, status, amounts and last update;
 * `kind` says whether it paid for a subscription or was a donation (DonationReceived counts as received).
 * The status is whatever the last PaymentStatusRecorded said: the payment decider records a
 * status only when it moves forward in the NOWPayments order, and a conflicting status is only
 * counted (`conflicts`), never applied.
 */
export const paymentsProjection = rowProjection({
  name: 'payments',
  // 2: set-based batches (same rows; the version makes an upgrade rebuild through the new path).
  // 3: a payment whose first event is its grant (an attached exception) gets a row.
  // 4: donations (DonationInvoiceCreated, DonationReceived) and the `kind` column.
  // 5: `kind` from the events (payment_invoices.kind, DonationReceived), no longer from the tier id.
  // 6: an anonymous donation's row names no subscriber (the donor did not allow it).
  // 7: a donation's outcome seen before its invoice row does not copy the donor's id.
  version: 7,
  keys: { payments: ['payment_id'], payment_invoices: ['invoice_id'] },
  ddl: paymentsDdl,
  handles: ['InvoiceCreated', 'DonationInvoiceCreated', 'PaymentStatusRecorded', ...Object.keys(PAYMENT_OUTCOMES), 'PaymentStatusConflicted', 'PaymentHoldRejected'],
  touches,
  evolve,
});
