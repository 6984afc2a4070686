import type { Hono } from 'hono';
import { PayGateError } from '@paygate/domain';
import { countActiveSubscribers, revenueSeries } from '@paygate/projections';
import { callerScope, type CallerEnv } from '../auth/index.ts';
import { readChannelPage, readSubscriberPage } from './list-pages.ts';
import { registerExportRoutes } from './export-routes.ts';
import { parseQueryOnce } from './payout-params.ts';
import { ChannelListQuerySchema, MAX_REVENUE_DAYS, RevenueQuerySchema, SubscriberListQuerySchema } from './report-params.ts';
import { channelSummaryOut, revenuePointOut, subscriberOut } from './report-presenters.ts';
import type { ReadModelAccess } from './read-model-access.ts';
import { readModel } from './read-model-errors.ts';

const DAY_MS = 86_400_000;

/** The revenue range: `from` inclusive, `to` exclusive, UTC days; by default the last 30 days through today. */
export const revenueRange = (query: { from?: Date | undefined; to?: Date | undefined }, now: Date): { from: Date; to: Date } => {
  const to = query.to ?? new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const from = query.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new PayGateError('validation', 'invalid query: from (must be before to)', { issues: [{ path: 'from', message: 'must be before to' }] });
  if (to.getTime() - from.getTime() > MAX_REVENUE_DAYS * DAY_MS) {
    throw new PayGateError('validation', `invalid query: to (at most ${MAX_REVENUE_DAYS} days after from)`, { issues: [{ path: 'to', message: `at most ${MAX_REVENUE_DAYS} days after from` }] });
  }
  return { from, to };
};

/**
 * `GET /api/v1/channels` (with tiers and subscriber counts), `GET /api/v1/subscribers`,
 * `GET /api/v1/revenue?interval=day|week|month&from=&to=&channel=` and the CSV exports; every one
 * scoped to the caller's channels in its query.
 */
export const registerReportRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess, now: () => Date = () => new Date()): void => {
  app.get('/api/v1/channels', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parseQueryOnce(ChannelListQuerySchema, c.req.queries());
    const page = await readChannelPage({ db, schema, scope }, query);
    return c.json({ items: page.items.map(channelSummaryOut), limit: query.limit, nextCursor: page.nextCursor });
  });
  app.get('/api/v1/subscribers', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parseQueryOnce(SubscriberListQuerySchema, c.req.queries());
    const page = await readSubscriberPage({ db, schema, scope }, query);
    return c.json({ items: page.items.map(subscriberOut), limit: query.limit, nextCursor: page.nextCursor });
  });
  app.get('/api/v1/revenue', async (c) => {
    const query = parseQueryOnce(RevenueQuerySchema, c.req.queries());
    const { from, to } = revenueRange(query, now());
    const scope = await callerScope(c, { db, schema });
    const channel = query.channel ? { channelId: query.channel } : {};
    const [points, activeSubscribers] = await readModel(() =>
      Promise.all([revenueSeries(db, schema, { scope, interval: query.interval, from, to, ...channel }), countActiveSubscribers(db, schema, { scope, ...channel })]),
    );
    return c.json({ interval: query.interval, from: from.toISOString(), to: to.toISOString(), activeSubscribers, points: points.map(revenuePointOut) });
  });
  registerExportRoutes(app, { db, schema });
};
