import type { Context, Hono } from 'hono';
import { notFoundError, PayGateError } from '@paygate/domain';
import { countActiveSubscribers, findPayment, listPayments, listRenewalsDue, revenueSeries } from '@paygate/projections';
import { callerScope, mayReadAudit } from '../auth/index.ts';
import { parseIdParam, parsePaymentListQuery } from '../api/params.ts';
import { parseQueryOnce, PayoutListQuerySchema } from '../api/payout-params.ts';
import { ChannelListQuerySchema, RevenueQuerySchema, SubscriberListQuerySchema } from '../api/report-params.ts';
import { revenueRange } from '../api/report-routes.ts';
import { readChannelPage, readPaymentPage, readPayoutPage, readSubscriberPage } from '../api/list-pages.ts';
import type { TrailReader } from '../api/payment-routes.ts';
import type { ReadModelAccess } from '../api/read-model-access.ts';
import { readModel } from '../api/read-model-errors.ts';
import { channelsPage, overviewPage, paymentsPage, paymentTrailPage, payoutsPage, subscribersPage, type Viewer } from '../dashboard/index.ts';
import type { DashboardEnv } from './dashboard-session.ts';
import { filledQuery } from './form-query.ts';

const RENEWALS_WINDOW_MS = 7 * 86_400_000;
const RECENT_PAYMENTS = 10;
const RENEWALS_SHOWN = 20;

/** The filters in force, without the ones not given (the pages' next links repeat them). */
const given = <Filter extends Record<string, string | undefined>>(filter: Filter) =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as { [Key in keyof Filter]?: Exclude<Filter[Key], undefined> };

const viewerOf = (c: Context<DashboardEnv>): Viewer => {
  const caller = c.get('caller');
  return { role: caller.role, name: caller.ownerId === undefined ? 'operator' : `Telegram user ${caller.ownerId}`, csrfToken: c.get('csrfToken') };
};

export type DashboardPagesDeps = ReadModelAccess & { readTrail?: TrailReader; explorerTxUrl?: string; now?: () => Date };

/** The pages: each reads through the same scoped queries as the API, so an owner sees only their channels. */
export const registerDashboardPages = (app: Hono<DashboardEnv>, { db, schema, readTrail, explorerTxUrl, now = () => new Date() }: DashboardPagesDeps): void => {
  app.get('/dashboard', async (c) => {
    const query = parseQueryOnce(RevenueQuerySchema, filledQuery(c.req.queries()));
    const { from, to } = revenueRange(query, now());
    const scope = await callerScope(c, { db, schema });
    const [revenue, activeSubscribers, renewalsDue, recent] = await readModel(() =>
      Promise.all([
        revenueSeries(db, schema, { scope, interval: query.interval, from, to }),
        countActiveSubscribers(db, schema, { scope }),
        listRenewalsDue(db, schema, { scope, from: now(), until: new Date(now().getTime() + RENEWALS_WINDOW_MS), limit: RENEWALS_SHOWN }),
        listPayments(db, schema, { scope, limit: RECENT_PAYMENTS }),
      ]),
    );
    return c.html(overviewPage({ viewer: viewerOf(c), interval: query.interval, from, to, revenue, activeSubscribers, renewalsDue, renewalsLimit: RENEWALS_SHOWN, recentPayments: recent.items }));
  });
  app.get('/dashboard/channels', async (c) => {
    const reading = { db, schema, scope: await callerScope(c, { db, schema }) };
    const page = await readChannelPage(reading, parseQueryOnce(ChannelListQuerySchema, filledQuery(c.req.queries())));
    return c.html(channelsPage({ viewer: viewerOf(c), channels: page.items, nextCursor: page.nextCursor }));
  });
  app.get('/dashboard/subscribers', async (c) => {
    const reading = { db, schema, scope: await callerScope(c, { db, schema }) };
    const query = parseQueryOnce(SubscriberListQuerySchema, filledQuery(c.req.queries()));
    const page = await readSubscriberPage(reading, query);
    return c.html(subscribersPage({ viewer: viewerOf(c), ...page, filter: given({ channel: query.channel, status: query.status }) }));
  });
  app.get('/dashboard/payments', async (c) => {
    const reading = { db, schema, scope: await callerScope(c, { db, schema }) };
    const query = parsePaymentListQuery(filledQuery(c.req.queries()));
    const page = await readPaymentPage(reading, query);
    return c.html(paymentsPage({ viewer: viewerOf(c), ...page, filter: given({ channel: query.channel, invoice: query.invoice, status: query.status }) }));
  });
  app.get('/dashboard/payments/:id', async (c) => {
    if (!readTrail || !mayReadAudit(c.get('caller'))) throw new PayGateError('forbidden', 'Event trails are for auditors and admins.');
    const paymentId = parseIdParam(c.req.param('id'));
    const payment = await readModel(() => findPayment(db, schema, paymentId));
    if (!payment) throw notFoundError(`payment ${paymentId} not found`, { paymentId });
    return c.html(paymentTrailPage({ viewer: viewerOf(c), payment, events: await readTrail(payment) }));
  });
  app.get('/dashboard/payouts', async (c) => {
    const reading = { db, schema, scope: await callerScope(c, { db, schema }) };
    const query = parseQueryOnce(PayoutListQuerySchema, filledQuery(c.req.queries()));
    const page = await readPayoutPage(reading, query);
    const filter = given({ channel: query.channel, status: query.status });
    return c.html(payoutsPage({ viewer: viewerOf(c), ...page, filter, ...(explorerTxUrl ? { explorerTxUrl } : {}) }));
  });
};
