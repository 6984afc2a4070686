import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import type { InvoicePayment, InvoiceSnapshot } from '../invoice/invoice-state.ts';
import { moneyToJson } from '../money/index.ts';
import { decideHeldPayment } from './held-payment-review.ts';
import { decidePaymentException } from './payment-exception.ts';
import type { PaymentCommand, RecordPaymentStatus } from './payment-commands.ts';
import { PaymentEventSchema, type PaymentEvent } from './payment-events.ts';
import { normalizeNotice, type NormalizedNotice } from './payment-notice.ts';
import { receivedEvent } from './payment-grant.ts';
import { priceMatches, receivedAmounts, receivedMoney } from './payment-outcome.ts';
import { conflictKey, evolvePayment, initialPaymentState, type PaymentState } from './payment-state.ts';
import { classifyStatus, type PaymentStatus } from './payment-status.ts';
import { checkUnderpayment, UNDERPAYMENT_TOLERANCE_BPS } from './underpayment-guard.ts';

const toEvent = (type: PaymentEvent['type'], data: Record<string, unknown>): PaymentEvent =>
  parseWithSchema(PaymentEventSchema, { type, data }, type);

const reportedAmounts = (notice: NormalizedNotice) => {
  const { actuallyPaid, payCurrency, outcomeAmount, outcomeCurrency } = notice;
  return { actuallyPaid, payCurrency, ...(outcomeAmount === undefined ? {} : { outcomeAmount, outcomeCurrency }) };
};

/** Which payment, for which purchase: the fields every outcome event starts with. */
const paymentRef = (notice: NormalizedNotice, { invoiceId, channelId, tierId, subscriberId }: InvoiceSnapshot) => ({
  paymentId: notice.paymentId,
  invoiceId,
  channelId,
  tierId,
  subscriberId,
  receivedAt: notice.receivedAt,
});

/** finished at the invoice's price: PaymentReceived inside the underpayment band, PaymentHeldForReview outside it. */
const finishedAtPrice = (notice: NormalizedNotice, invoice: InvoiceSnapshot, ref: ReturnType<typeof paymentRef>): PaymentEvent => {
  const received = receivedMoney(notice);
  const grant = {
    ...ref,
    price: moneyToJson(invoice.price),
    // A donation buys no time; it carries its terms instead.
    ...(invoice.donation === undefined ? { durationDays: invoice.durationDays } : { donation: invoice.donation }),
    actuallyPaid: moneyToJson(received.actuallyPaid),
    outcome: moneyToJson(received.outcome),
  };
  const check = checkUnderpayment(notice, received);
  if (!check.held) {
    const { type, data } = receivedEvent(grant);
    return toEvent(type, data);
  }
  return toEvent('PaymentHeldForReview', {
    ...grant,
    reason: check.reason,
    ...(check.payAmount === undefined ? {} : { payAmount: moneyToJson(check.payAmount) }),
    ...(check.shortfallBps === undefined ? {} : { shortfallBps: check.shortfallBps }),
    toleranceBps: UNDERPAYMENT_TOLERANCE_BPS,
  });
};

/** finished at the price of an invoice another payment paid: recorded for an operator, never a grant or revenue. */
const paidTwice = (notice: NormalizedNotice, invoice: InvoiceSnapshot, first: InvoicePayment, ref: ReturnType<typeof paymentRef>): PaymentEvent =>
  toEvent('InvoicePaidTwice', {
    ...ref,
    price: moneyToJson(invoice.price),
    ...receivedAmounts(notice),
    paidBy: { paymentId: first.paymentId, actuallyPaid: moneyToJson(first.actuallyPaid), outcome: moneyToJson(first.outcome) },
  });

/** The business meaning of reaching `notice.status`, besides recording it. */
const consequences = (notice: NormalizedNotice, invoice: InvoiceSnapshot, previous: PaymentStatus | null, granted: boolean): PaymentEvent[] => {
  const ref = paymentRef(notice, invoice);
  const settled = notice.status === 'finished' || notice.status === 'partially_paid';
  if (settled && notice.parentPaymentId !== undefined) {
    return [toEvent('PaymentRedepositRecorded', { ...ref, ...reportedAmounts(notice), parentPaymentId: notice.parentPaymentId, status: notice.status })];
  }
  switch (notice.status) {
    case 'finished':
      if (!priceMatches(notice, invoice)) {
        const { priceAmount, priceCurrency } = notice;
        return [toEvent('PaymentMismatched', { ...ref, ...reportedAmounts(notice), expectedPrice: moneyToJson(invoice.price), priceAmount, priceCurrency })];
      }
      if (invoice.paidBy !== undefined && invoice.paidBy.paymentId !== notice.paymentId) return [paidTwice(notice, invoice, invoice.paidBy, ref)];
      return [finishedAtPrice(notice, invoice, ref)];
    case 'partially_paid': {
      const payAmount = notice.payAmount === undefined ? {} : { payAmount: notice.payAmount };
      return [toEvent('PaymentUnderpaid', { ...ref, ...reportedAmounts(notice), ...payAmount, price: moneyToJson(invoice.price) })];
    }
    case 'failed':
      return [toEvent('PaymentFailed', ref)];
    case 'expired':
      return [toEvent('PaymentExpired', ref)];
    case 'refunded':
      return [toEvent('PaymentRefunded', { ...ref, ...(previous === null ? {} : { previousStatus: previous }), granted })];
    default:
      return [];
  }
};

const record = (command: RecordPaymentStatus, state: PaymentState): PaymentEvent[] => {
  const { invoice } = command.data;
  const notice = normalizeNotice(command.data.notice);
  if (notice.orderId !== invoice.invoiceId) {
    throw new PayGateError('validation', `payment ${notice.paymentId} is for order ${notice.orderId ?? '(none)'}, not invoice ${invoice.invoiceId}`);
  }
  if (state.invoiceId !== null && state.invoiceId !== invoice.invoiceId) {
    throw new PayGateError('conflict', `payment ${notice.paymentId} was recorded for invoice ${state.invoiceId}`, { paymentId: notice.paymentId });
  }
  switch (classifyStatus(state.status, notice.status)) {
    case 'stale':
      return [];
    case 'conflict': {
      const current = state.status as PaymentStatus; // only null → 'advance'
      if (state.conflicts.has(conflictKey(current, notice.status))) return [];
      const data = { ...paymentRef(notice, invoice), ...reportedAmounts(notice), currentStatus: current, reportedStatus: notice.status };
      return [toEvent('PaymentStatusConflicted', data)];
    }
    case 'advance': {
      const { orderId: _orderId, ...recorded } = notice;
      return [toEvent('PaymentStatusRecorded', { ...recorded, invoiceId: invoice.invoiceId }), ...consequences(notice, invoice, state.status, state.received)];
    }
  }
};

/**
 * Stream `payment-<paymentId>`. Each IPN that moves the status forward is recorded, with what it
 * means: finished at the invoice price and within the underpayment band → PaymentReceived (the
 * only grant), or DonationReceived for a donation invoice (split like a payment, never a grant); outside the band → PaymentHeldForReview until an operator sends ReleaseHeldPayment
 * (→ PaymentHoldReleased + PaymentReceived) or RejectHeldPayment (→ PaymentHoldRejected);
 * finished at the price of an invoice another payment already paid (`invoice.paidBy`) →
 * InvoicePaidTwice, an overpayment that grants nothing; finished at another price →
 * PaymentMismatched; partially_paid → PaymentUnderpaid; a re-deposit → PaymentRedepositRecorded;
 * failed/expired/refunded → their own events. A repeated or older
 * status changes nothing; an unordered one is PaymentStatusConflicted. An operator attaches an
 * exception to an invoice it covers (→ PaymentExceptionAttached + PaymentReceived) or closes it
 * (→ PaymentExceptionClosed), see payment-exception.ts. See docs/payments.md.
 */
export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  initialState: initialPaymentState,
  evolve: evolvePayment,
  decide: (command, state) => {
    switch (command.type) {
      case 'RecordPaymentStatus':
        return record(command, state);
      case 'AttachPaymentException':
      case 'ClosePaymentException':
        return decidePaymentException(command, state);
      default:
        return decideHeldPayment(command, state);
    }
  },
};
