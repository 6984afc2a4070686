import { html } from 'hono/html';
import type { PaymentView } from '@paygate/projections';
import { layout } from '../components/layout.ts';
import { statusBadge } from '../components/status-badge.ts';
import { moneyText, optionalMoneyText } from '../format/money-text.ts';
import { timeText } from '../format/time-text.ts';
import type { Markup } from '../markup.ts';
import type { Viewer } from '../viewer.ts';

/** One recorded event of the payment's streams, as the audit endpoint returns it. */
export type TrailEvent = { streamId: string; revision: string; position: string; type: string; recordedAt: string; data: unknown };

export type PaymentTrailPageProps = { viewer: Viewer; payment: PaymentView; events: readonly TrailEvent[] };

/** Event data as indented JSON; bigints as decimal strings (JSON has no bigint). */
export const prettyJson = (data: unknown): string => {
  try {
    return JSON.stringify(data, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2) ?? String(data);
  } catch {
    return String(data);
  }
};

const summary = (payment: PaymentView): Markup => html`<dl class="facts">
  <dt>Status</dt><dd>${statusBadge(payment.status)}</dd>
  <dt>Outcome</dt><dd>${statusBadge(payment.outcome)}</dd>
  <dt>Invoice</dt><dd class="hash">${payment.invoiceId}</dd>
  <dt>Channel</dt><dd class="hash">${payment.channelId ?? 'unmatched'}</dd>
  <dt>${payment.kind === 'donation' ? 'Donor' : 'Subscriber'}</dt><dd class="hash">${payment.subscriberId ?? (payment.kind === 'donation' ? 'anonymous' : '—')}</dd>
  <dt>Price</dt><dd>${optionalMoneyText(payment.price)}</dd>
  <dt>Paid</dt><dd>${payment.received ? moneyText(payment.received.actuallyPaid) : `${payment.reported.actuallyPaid} ${payment.reported.payCurrency} (reported)`}</dd>
  <dt>Settled</dt><dd>${optionalMoneyText(payment.received?.outcome)}</dd>
  <dt>First seen</dt><dd>${timeText(payment.firstSeenAt)}</dd>
  <dt>Updated</dt><dd>${timeText(payment.updatedAt)}</dd>
</dl>`;

const eventItem = (event: TrailEvent): Markup => html`<li>
  <h3>${event.type}</h3>
  <dl class="facts">
    <dt>Recorded</dt><dd>${timeText(event.recordedAt)}</dd>
    <dt>Stream</dt><dd class="hash">${event.streamId}</dd>
    <dt>Revision</dt><dd>${event.revision}</dd>
    <dt>Position</dt><dd class="hash">${event.position}</dd>
  </dl>
  <pre><code>${prettyJson(event.data)}</code></pre>
</li>`;

/** A payment's event trail, oldest first as recorded: the evidence behind the read models. For auditors and admins. */
export const paymentTrailPage = ({ viewer, payment, events }: PaymentTrailPageProps): Markup =>
  layout({
    title: `Payment ${payment.paymentId}`,
    viewer,
    active: 'payments',
    body: html`<p><a href="/dashboard/payments">← All payments</a></p>
      <h1>Payment <span class="hash">${payment.paymentId}</span></h1>
      <section class="card" aria-labelledby="payment-summary">
        <h2 id="payment-summary">Current state</h2>
        ${summary(payment)}
      </section>
      <section aria-labelledby="trail-heading">
        <h2 id="trail-heading">Event trail (${events.length} event${events.length === 1 ? '' : 's'})</h2>
        ${events.length === 0 ? html`<p class="empty">No events recorded.</p>` : html`<ol class="timeline">${events.map(eventItem)}</ol>`}
      </section>`,
  });
