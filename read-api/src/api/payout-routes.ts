import type { Hono } from 'hono';
import { notFoundError } from '@paygate/domain';
import { findPayout, listChannelBalances, listOwnerBalances } from '@paygate/projections';
import { callerScope, type CallerEnv } from '../auth/index.ts';
import { readPayoutPage } from './list-pages.ts';
import { parseIdParam } from './params.ts';
import { BalanceQuerySchema, parseQueryOnce, PayoutListQuerySchema } from './payout-params.ts';
import { channelBalanceOut, ownerBalanceOut, payoutOut } from './payout-presenters.ts';
import type { ReadModelAccess } from './read-model-access.ts';
import { readModel } from './read-model-errors.ts';

/**
 * `GET /api/v1/payouts?channel=&owner=&status=&limit=&cursor=`: newest change first, keyset pages
 * (limit 1..100, default 20; `nextCursor` null on the last page).
 * `GET /api/v1/payouts/:id`: one payout with its transfers.
 * `GET /api/v1/balances?owner=`: per owner and currency over their channels, and per channel.
 */
export const registerPayoutRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess): void => {
  app.get('/api/v1/payouts', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parseQueryOnce(PayoutListQuerySchema, c.req.queries());
    const page = await readPayoutPage({ db, schema, scope }, query);
    return c.json({ items: page.items.map(payoutOut), limit: query.limit, nextCursor: page.nextCursor });
  });
  app.get('/api/v1/payouts/:id', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const payoutId = parseIdParam(c.req.param('id'));
    const payout = await readModel(() => findPayout(db, schema, payoutId, scope));
    if (!payout) throw notFoundError(`payout ${payoutId} not found`, { payoutId });
    return c.json(payoutOut(payout));
  });
  app.get('/api/v1/balances', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parseQueryOnce(BalanceQuerySchema, c.req.queries());
    const filter = { scope: scope, ...(query.owner === undefined ? {} : { ownerId: query.owner }) };
    const [owners, channels] = await readModel(() => Promise.all([listOwnerBalances(db, schema, filter), listChannelBalances(db, schema, filter)]));
    return c.json({ items: owners.map(ownerBalanceOut), channels: channels.map(channelBalanceOut) });
  });
};
