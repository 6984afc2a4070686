import { sql } from 'kysely';
import { checkedPageLimit, type RowPage, type RowPageKey } from '../read-models/row-page.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import { sessionViewFromRow, type SessionView } from './session-view.ts';
import type { DashboardSessionsDb } from './sessions-tables.ts';

/** Where a page ends: the (updated position, family id) of its last row. */
export type SessionPageKey = RowPageKey;

export type SessionPage = RowPage<SessionView>;

export const findSession = async (db: AnyKysely, schema: string, familyId: string): Promise<SessionView | undefined> => {
  const row = await scopedTo<DashboardSessionsDb>(db, schema).selectFrom('dashboard_sessions').selectAll().where('family_id', '=', familyId).executeTakeFirst();
  return row && sessionViewFromRow(row);
};

/**
 * Logins newest change first, everyone's or one owner's, by (updated position, family id): a
 * total order, so keyset pages neither repeat nor skip a row that did not change meanwhile.
 */
export const listSessions = async (db: AnyKysely, schema: string, options: { ownerId?: string; limit?: number; after?: SessionPageKey } = {}): Promise<SessionPage> => {
  const limit = checkedPageLimit(options.limit);
  let query = scopedTo<DashboardSessionsDb>(db, schema).selectFrom('dashboard_sessions').selectAll();
  if (options.ownerId !== undefined) query = query.where('owner_id', '=', options.ownerId);
  const after = options.after;
  if (after) {
    query = query.where(
      sql<boolean>`(updated_commit, updated_prepare, family_id) < (${after.position.commit.toString()}::numeric, ${after.position.prepare.toString()}::numeric, ${after.id}::text)`,
    );
  }
  const rows = await query.orderBy('updated_commit', 'desc').orderBy('updated_prepare', 'desc').orderBy('family_id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(sessionViewFromRow);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { position: last.updatedPosition, id: last.familyId } : undefined };
};
