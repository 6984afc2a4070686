import { html } from 'hono/html';
import type { PaymentView } from '@paygate/projections';
import { moneyText, optionalMoneyText } from '../format/money-text.ts';
import { timeText } from '../format/time-text.ts';
import type { Markup } from '../markup.ts';
import { seesTrails, type Viewer } from '../viewer.ts';
import { dataTable } from './data-table.ts';
import { statusBadge } from './status-badge.ts';

/** Where an auditor or admin reads a payment's event trail. */
export const paymentTrailHref = (paymentId: string): string => `/dashboard/payments/${encodeURIComponent(paymentId)}`;

/** The payment's id; a link to its event trail for viewers who may read trails. */
export const paymentIdCell = (payment: PaymentView, viewer: Viewer): Markup =>
  seesTrails(viewer)
    ? html`<a class="hash" href="${paymentTrailHref(payment.paymentId)}" aria-label="Event trail of payment ${payment.paymentId}">${payment.paymentId}</a>`
    : html`<span class="hash">${payment.paymentId}</span>`;

// What was paid: the settled amount once received, else what NOWPayments last reported.
const paidCell = (payment: PaymentView): Markup =>
  payment.received
    ? moneyText(payment.received.actuallyPaid)
    : html`<span class="muted">${payment.reported.actuallyPaid}&nbsp;${payment.reported.payCurrency} (reported)</span>`;

const row = (payment: PaymentView, viewer: Viewer): Markup => html`<tr>
  <th scope="row">${paymentIdCell(payment, viewer)}</th>
  <td>${payment.channelId === null ? html`<span class="muted">unmatched</span>` : html`<span class="hash">${payment.channelId}</span>`}</td>
  <td>${statusBadge(payment.status)}</td>
  <td>${statusBadge(payment.outcome)}</td>
  <td class="num">${optionalMoneyText(payment.price)}</td>
  <td class="num">${paidCell(payment)}</td>
  <td class="num">${payment.received ? moneyText(payment.received.outcome) : html`<span class="muted">—</span>`}</td>
  <td>${timeText(payment.firstSeenAt)}</td>
  <td>${timeText(payment.updatedAt)}</td>
</tr>`;

/** Payments, newest change first as the caller passes them. */
export const paymentsTable = ({ caption, payments, viewer }: { caption: string; payments: readonly PaymentView[]; viewer: Viewer }): Markup =>
  dataTable({
    caption,
    headings: ['Payment', 'Channel', 'Status', 'Outcome', { label: 'Price', numeric: true }, { label: 'Paid', numeric: true }, { label: 'Settled', numeric: true }, 'First seen', 'Updated'],
    rows: payments.map((payment) => row(payment, viewer)),
    empty: 'No payments.',
  });
