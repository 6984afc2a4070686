import {
  formatMoney,
  moneyFromJson,
  parsePaymentEvent,
  parseRefusedPaymentEvent,
  parseUnmatchedPaymentEvent,
  type MoneyJson,
  type PaymentEvent,
  type RecordedEvent,
} from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type Row, type RowSet } from '../rows/index.ts';
import { paymentExceptionsDdl } from './payment-exceptions-tables.ts';

const shown = (money: MoneyJson) => `${formatMoney(moneyFromJson(money))} ${money.currency}`;
const reportedText = (amount: string, currency: string) => `${amount} ${currency}`;
const arrivedText = (data: { outcomeAmount?: string; outcomeCurrency?: string }) =>
  data.outcomeAmount === undefined || data.outcomeCurrency === undefined ? null : reportedText(data.outcomeAmount, data.outcomeCurrency);

type Opened = { kind: string; invoice_id: string | null; order_id?: string | null; status?: string; paid: string; arrived: string | null; detail: string; at: string };

/** What an outcome event on a payment stream opens (or updates), if it makes the payment an exception. */
const opened = (event: PaymentEvent): Opened | null => {
  switch (event.type) {
    case 'PaymentMismatched': {
      const d = event.data;
      return { kind: 'mismatched', invoice_id: d.invoiceId, status: 'finished', paid: reportedText(d.actuallyPaid, d.payCurrency), arrived: arrivedText(d), detail: `paid for ${d.priceAmount} ${d.priceCurrency}, the invoice asks ${shown(d.expectedPrice)}`, at: d.receivedAt };
    }
    case 'PaymentUnderpaid': {
      const d = event.data;
      return { kind: 'underpaid', invoice_id: d.invoiceId, status: 'partially_paid', paid: reportedText(d.actuallyPaid, d.payCurrency), arrived: arrivedText(d), detail: `paid ${d.actuallyPaid}${d.payAmount === undefined ? '' : ` of ${d.payAmount}`} ${d.payCurrency} for ${shown(d.price)}`, at: d.receivedAt };
    }
    case 'PaymentRedepositRecorded': {
      const d = event.data;
      return { kind: 'redeposit', invoice_id: d.invoiceId, status: d.status, paid: reportedText(d.actuallyPaid, d.payCurrency), arrived: arrivedText(d), detail: `a re-deposit to the address of payment ${d.parentPaymentId}`, at: d.receivedAt };
    }
    case 'InvoicePaidTwice': {
      const d = event.data;
      return { kind: 'paid_twice', invoice_id: d.invoiceId, status: 'finished', paid: shown(d.actuallyPaid), arrived: shown(d.outcome), detail: `the invoice was paid by payment ${d.paidBy.paymentId}`, at: d.receivedAt };
    }
    case 'PaymentHeldForReview': {
      const d = event.data;
      return { kind: 'held', invoice_id: d.invoiceId, status: 'finished', paid: shown(d.actuallyPaid), arrived: shown(d.outcome), detail: `held for review (${d.reason.replaceAll('_', ' ')})`, at: d.receivedAt };
    }
    case 'PaymentStatusConflicted': {
      const d = event.data;
      return { kind: 'status_conflicted', invoice_id: d.invoiceId, status: d.currentStatus, paid: reportedText(d.actuallyPaid, d.payCurrency), arrived: arrivedText(d), detail: `reported ${d.reportedStatus} after ${d.currentStatus}`, at: d.receivedAt };
    }
    default:
      return null;
  }
};

const open = (rows: RowSet, row: Row | undefined, paymentId: string, found: Opened, moved: Record<string, string>) => {
  // An exception decided stays decided; a new outcome on an open one updates it.
  if (row && row.state !== 'open') return;
  rows.put('payment_exceptions', {
    payment_id: paymentId,
    kind: found.kind,
    state: 'open',
    invoice_id: found.invoice_id ?? row?.invoice_id ?? null,
    order_id: found.order_id ?? row?.order_id ?? null,
    status: found.status ?? row?.status ?? 'finished',
    paid: found.paid,
    arrived: found.arrived,
    detail: found.detail,
    decision: null,
    decided_by: null,
    recorded_at: row?.recorded_at ?? found.at,
    ...moved,
  });
};

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  const paymentId = (recorded.data as { paymentId: string }).paymentId;
  const row = rows.get('payment_exceptions', { payment_id: paymentId });
  if (row && rowHasSeen(row, recorded.position)) return;
  if (recorded.type === 'UnmatchedPaymentRecorded') {
    const d = parseUnmatchedPaymentEvent(recorded).data;
    const found = { kind: 'unmatched', invoice_id: null, order_id: d.orderId ?? null, status: d.status, paid: reportedText(d.actuallyPaid, d.payCurrency), arrived: arrivedText(d), at: d.receivedAt };
    return open(rows, row, paymentId, { ...found, detail: `order id ${d.orderId ?? '(none)'} names no invoice; paid for ${d.priceAmount} ${d.priceCurrency}` }, moved);
  }
  if (recorded.type === 'PaymentNoticeRefused') {
    const d = parseRefusedPaymentEvent(recorded).data;
    const n = d.notice;
    const found = { kind: 'refused', invoice_id: d.invoiceId ?? null, order_id: n.orderId ?? null, status: d.status, paid: reportedText(n.actuallyPaid, n.payCurrency), arrived: arrivedText(n), at: d.refusedAt };
    return open(rows, row, paymentId, { ...found, detail: `refused (${d.errorKind}): ${d.reason}` }, moved);
  }
  const event = parsePaymentEvent(recorded);
  const found = opened(event);
  if (found) return open(rows, row, paymentId, found, moved);
  if (!row || row.state !== 'open') return;
  const decided = (state: string, decision: string | null, decidedBy: string | null, invoiceId = row.invoice_id) =>
    rows.put('payment_exceptions', { ...row, state, decision, decided_by: decidedBy, invoice_id: invoiceId, ...moved });
  switch (event.type) {
    case 'PaymentExceptionAttached':
      return decided('attached', event.data.note, event.data.decidedBy, event.data.invoiceId);
    case 'PaymentExceptionClosed':
      return decided('closed', event.data.reason, event.data.decidedBy);
    case 'PaymentHoldRejected':
      return decided('closed', event.data.note, event.data.decidedBy);
    case 'PaymentHoldReleased':
      return decided('resolved', event.data.note, event.data.decidedBy);
    case 'PaymentReceived':
    case 'DonationReceived':
      // Underpaid, then paid in full (or finished by hand within the band): it granted (or the donation arrived) after all.
      return decided('resolved', null, null);
    default:
      return;
  }
};

export const PAYMENT_EXCEPTION_EVENTS = [
  'PaymentMismatched',
  'PaymentUnderpaid',
  'PaymentRedepositRecorded',
  'InvoicePaidTwice',
  'PaymentHeldForReview',
  'PaymentStatusConflicted',
  'UnmatchedPaymentRecorded',
  'PaymentNoticeRefused',
  'PaymentExceptionAttached',
  'PaymentExceptionClosed',
  'PaymentHoldRejected',
  'PaymentHoldReleased',
  'PaymentReceived',
  'DonationReceived',
] as const;

/**
 * Payments an operator must look at (table `payment_exceptions`), each with what became of it:
 * what `paygate payments exceptions` lists. Every event of a payment's exception names the
 * payment, so the row is keyed by it whichever stream the event is on.
 */
export const paymentExceptionsProjection = rowProjection({
  name: 'payment_exceptions',
  version: 1,
  keys: { payment_exceptions: ['payment_id'] },
  ddl: paymentExceptionsDdl,
  handles: PAYMENT_EXCEPTION_EVENTS,
  touches: (recorded) => [{ table: 'payment_exceptions', key: { payment_id: (recorded.data as { paymentId: string }).paymentId } }],
  evolve,
});
