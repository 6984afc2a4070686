import type { Context, Hono } from 'hono';
import { notFoundError, PayGateError } from '@paygate/domain';
import { countActiveSubscribers, findPayment, listChannels, listPayments, listPayouts, listRenewalsDue, listSubscribers, revenueSeries } from '@paygate/projections';
import { callerScope, mayReadAudit } from '../auth/index.ts';
import { parseIdParam, parsePaymentListQuery } from '../api/params.ts';
import { parseQueryOnce, PayoutListQuerySchema } from '../api/payout-params.ts';
import { ChannelListQuerySchema, RevenueQuerySchema, SubscriberListQuerySchema } from '../api/report-params.ts';
import { revenueRange } from '../api/report-routes.ts';
import { nextCursorOf } from '../api/cursor.ts';
import type { TrailReader } from '../api/payment-routes.ts';
import type { ReadModelAccess } from '../api/read-model-access.ts';
import { readModel } from '../api/read-model-errors.ts';
import { channelsPage, overviewPage, paymentsPage, paymentTrailPage, payoutsPage, subscribersPage, type Viewer } from '../dashboard/index.ts';
import type { DashboardEnv } from './dashboard-session.ts';
import { filledQuery } from './form-query.ts';

const RENEWALS_WINDOW_MS = 7 * 86_400_000;
const RECENT_PAYMENTS = 10;
const RENEWALS_SHOWN = 20;

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
    const scope = await callerScope(c, { db, schema });
    const query = parseQueryOnce(ChannelListQuerySchema, filledQuery(c.req.queries()));
    const page = await readModel(() => listChannels(db, schema, { scope: scope, limit: query.limit, ...(query.cursor ? { after: query.cursor } : {}) }));
    return c.html(channelsPage({ viewer: viewerOf(c), channels: page.items, nextCursor: nextCursorOf(page.next) }));
  });
  app.get('/dashboard/subscribers', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parseQueryOnce(SubscriberListQuerySchema, filledQuery(c.req.queries()));
    const filter = { ...(query.channel ? { channel: query.channel } : {}), ...(query.status ? { status: query.status } : {}) };
    const page = await readModel(() =>
      listSubscribers(db, schema, {
        scope: scope,
        limit: query.limit,
        ...(query.channel ? { channelId: query.channel } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { after: query.cursor } : {}),
      }),
    );
    return c.html(subscribersPage({ viewer: viewerOf(c), items: page.items, nextCursor: nextCursorOf(page.next), filter }));
  });
  app.get('/dashboard/payments', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parsePaymentListQuery(filledQuery(c.req.queries()));
    const filter = { ...(query.channel ? { channel: query.channel } : {}), ...(query.invoice ? { invoice: query.invoice } : {}), ...(query.status ? { status: query.status } : {}) };
    const page = await readModel(() =>
      listPayments(db, schema, {
        scope: scope,
        limit: query.limit,
        ...(query.channel ? { channelId: query.channel } : {}),
        ...(query.invoice ? { invoiceId: query.invoice } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { after: query.cursor } : {}),
      }),
    );
    return c.html(paymentsPage({ viewer: viewerOf(c), items: page.items, nextCursor: nextCursorOf(page.next && { position: page.next.position, id: page.next.paymentId }), filter }));
  });
  app.get('/dashboard/payments/:id', async (c) => {
    if (!readTrail || !mayReadAudit(c.get('caller'))) throw new PayGateError('forbidden', 'Event trails are for auditors and admins.');
    const paymentId = parseIdParam(c.req.param('id'));
    const payment = await readModel(() => findPayment(db, schema, paymentId));
    if (!payment) throw notFoundError(`payment ${paymentId} not found`, { paymentId });
    return c.html(paymentTrailPage({ viewer: viewerOf(c), payment, events: await readTrail(payment) }));
  });
  app.get('/dashboard/payouts', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parseQueryOnce(PayoutListQuerySchema, filledQuery(c.req.queries()));
    const page = await readModel(() =>
      listPayouts(db, schema, {
        scope: scope,
        limit: query.limit,
        ...(query.channel ? { channelId: query.channel } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { after: query.cursor } : {}),
      }),
    );
    const next = nextCursorOf(page.next && { position: page.next.position, id: page.next.payoutId });
    const filter = { ...(query.channel ? { channel: query.channel } : {}), ...(query.status ? { status: query.status } : {}) };
    return c.html(payoutsPage({ viewer: viewerOf(c), items: page.items, nextCursor: next, filter, ...(explorerTxUrl ? { explorerTxUrl } : {}) }));
  });
};
