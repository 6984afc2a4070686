import type { Hono } from 'hono';
import { notFoundError } from '@paygate/domain';
import { findPayout, listChannelBalances, listOwnerBalances, listPayouts } from '@paygate/projections';
import { callerScope, type CallerEnv } from '../auth/index.ts';
import { nextCursorOf } from './cursor.ts';
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
    const page = await readModel(() =>
      listPayouts(db, schema, {
        scope: scope,
        ...(query.channel === undefined ? {} : { channelId: query.channel }),
        ...(query.owner === undefined ? {} : { ownerId: query.owner }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.cursor === undefined ? {} : { after: query.cursor }),
        limit: query.limit,
      }),
    );
    const next = nextCursorOf(page.next && { position: page.next.position, id: page.next.payoutId });
    return c.json({ items: page.items.map(payoutOut), limit: query.limit, nextCursor: next });
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
