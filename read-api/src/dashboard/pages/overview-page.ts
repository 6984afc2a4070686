import { html } from 'hono/html';
import type { PaymentView } from '@paygate/projections';
import { revenueChart } from '../chart/revenue-chart.ts';
import { layout } from '../components/layout.ts';
import { paymentsTable } from '../components/payments-table.ts';
import { renewalsTable } from '../components/subscriber-tables.ts';
import { hrefWith } from '../format/links.ts';
import { utcDateText } from '../format/time-text.ts';
import type { Markup } from '../markup.ts';
import { REVENUE_INTERVALS, type RevenueInterval, type RevenuePoint, type SubscriberView } from '../view-types.ts';
import type { Viewer } from '../viewer.ts';
import { revenueByCurrency, revenueKpis } from './revenue-kpis.ts';

export type OverviewPageProps = {
  viewer: Viewer;
  interval: RevenueInterval;
  /** The charted range [from, to), UTC. */
  from: Date;
  to: Date;
  revenue: readonly RevenuePoint[];
  activeSubscribers: number;
  /** Active subscriptions ending within the next 7 days, soonest first. */
  renewalsDue: readonly SubscriberView[];
  /** The limit renewalsDue was read with: a full list counts as "at least" that many. */
  renewalsLimit?: number;
  recentPayments: readonly PaymentView[];
};

// `to` is exclusive; people read a range with its last day included.
const DAY_MS = 86_400_000;

const INTERVAL_LABEL: Readonly<Record<RevenueInterval, string>> = { day: 'Daily', week: 'Weekly', month: 'Monthly' };

const intervalSwitch = (current: RevenueInterval): Markup =>
  html`<nav aria-label="Chart interval"><ul class="switch">${REVENUE_INTERVALS.map(
    (interval) =>
      html`<li><a href="${hrefWith('/dashboard', { interval })}"${interval === current ? html` aria-current="page"` : ''}>${INTERVAL_LABEL[interval]}</a></li>`,
  )}</ul></nav>`;

const countCard = (title: string, count: number, note: string, atLeast = false): Markup =>
  html`<li class="kpi"><h3>${title}</h3><p class="kpi-value">${count}${atLeast ? html`<span aria-hidden="true">+</span><span class="visually-hidden"> or more</span>` : ''}</p><p class="kpi-note">${note}</p></li>`;

/** The landing page: key figures, the revenue chart per currency, renewals due and the latest payments. */
export const overviewPage = ({ viewer, interval, from, to, revenue, activeSubscribers, renewalsDue, renewalsLimit, recentPayments }: OverviewPageProps): Markup => {
  const renewalsMore = renewalsLimit !== undefined && renewalsDue.length >= renewalsLimit;
  const currencies = revenueByCurrency(revenue).map((total) => total.currency);
  const charts =
    currencies.length === 0
      ? html`<p class="empty">No revenue in this period.</p>`
      : currencies.map((currency) => revenueChart(revenue, { currency, interval, from, to }));
  const body = html`<h1>Overview</h1>
    <p class="muted">From ${utcDateText(from)} through ${utcDateText(new Date(to.getTime() - DAY_MS))} (UTC).</p>
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading" class="visually-hidden">Key figures</h2>
      <ul class="kpis">
        ${countCard('Active subscribers', activeSubscribers, 'with a paid period running now')}
        ${countCard('Renewals due', renewalsDue.length, 'subscriptions ending in the next 7 days', renewalsMore)}
        ${revenueKpis(revenue)}
      </ul>
    </section>
    <section aria-labelledby="revenue-heading">
      <h2 id="revenue-heading">Revenue</h2>
      ${intervalSwitch(interval)}
      ${charts}
    </section>
    <section aria-labelledby="renewals-heading">
      <h2 id="renewals-heading">Renewals due</h2>
      ${renewalsTable({ caption: renewalsMore ? `The ${renewalsDue.length} soonest of the subscriptions ending in the next 7 days` : 'Subscriptions ending in the next 7 days, soonest first', subscribers: renewalsDue })}
    </section>
    <section aria-labelledby="payments-heading">
      <h2 id="payments-heading">Recent payments</h2>
      ${paymentsTable({ caption: 'The latest payments, newest change first', payments: recentPayments, viewer })}
      <p><a href="/dashboard/payments">All payments</a></p>
    </section>`;
  return layout({ title: 'Overview', viewer, active: 'overview', body });
};
