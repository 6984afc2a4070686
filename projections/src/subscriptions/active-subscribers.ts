import { sql } from 'kysely';
import { ownedChannelCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { SubscriptionsDb } from './subscriptions-tables.ts';

/**
 * How many subscriptions are running (status active: in their period, or in grace until removed),
 * over the scope's channels, optionally one channel. Counted in SQL from the indexes alone.
 */
export const countActiveSubscribers = async (db: AnyKysely, schema: string, options: { scope?: OwnerScope; channelId?: string } = {}): Promise<number> => {
  let query = scopedTo<SubscriptionsDb>(db, schema)
    .selectFrom('subscriptions')
    .select(sql<string>`count(*)::text`.as('active'))
    .where('status', '=', 'active')
    .where(ownedChannelCondition(schema, options.scope));
  if (options.channelId !== undefined) query = query.where('channel_id', '=', options.channelId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.active);
};
