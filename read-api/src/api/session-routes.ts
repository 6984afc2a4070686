import type { Hono } from 'hono';
import { listSessions, type SessionView } from '@paygate/projections';
import type { CallerEnv } from '../auth/index.ts';
import { parseQueryOnce } from './payout-params.ts';
import { SessionListQuerySchema } from './report-params.ts';
import { nextCursorOf } from './cursor.ts';
import type { ReadModelAccess } from './read-model-access.ts';
import { readModel } from './read-model-errors.ts';

export const sessionOut = (session: SessionView) => ({
  id: session.familyId,
  ownerId: session.ownerId,
  role: session.role,
  method: session.method,
  startedAt: session.startedAt,
  expiresAt: session.expiresAt,
  lastRefreshedAt: session.lastRefreshedAt,
  refreshes: session.refreshes,
  revokedAt: session.revokedAt,
  revokedReason: session.revokedReason,
});

/**
 * `GET /api/v1/sessions?owner=&limit=&cursor=`: dashboard logins, newest change first. An owner
 * sees their own (their `owner` filter is replaced by themselves); admins and auditors see every
 * login, which is how an auditor follows who read the books.
 */
export const registerSessionRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess): void => {
  app.get('/api/v1/sessions', async (c) => {
    const query = parseQueryOnce(SessionListQuerySchema, c.req.queries());
    const caller = c.get('caller');
    const ownerId = caller.role === 'owner' ? caller.ownerId : query.owner;
    const page = await readModel(() =>
      listSessions(db, schema, { limit: query.limit, ...(ownerId === undefined ? {} : { ownerId }), ...(query.cursor ? { after: query.cursor } : {}) }),
    );
    return c.json({ items: page.items.map(sessionOut), limit: query.limit, nextCursor: nextCursorOf(page.next) });
  });
};
