import { sql, type Selectable } from 'kysely';
import { isoTime, optionalIsoTime } from '../read-models/columns.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { SubscriptionsDb, SubscriptionsTable } from './subscriptions-tables.ts';

export type DueSubscriptionRow = { channelId: string; subscriberId: string; endsAt: string };
type Cursor = DueSubscriptionRow;

export type SubscriptionView = {
  channelId: string;
  subscriberId: string;
  tierId: string;
  status: 'active' | 'expired';
  startsAt: string;
  endsAt: string;
  joinedAt: string | null;
};

export const subscriptionViewFromRow = (row: Selectable<SubscriptionsTable>): SubscriptionView => ({
  channelId: row.channel_id,
  subscriberId: row.subscriber_id,
  tierId: row.tier_id,
  status: row.status,
  startsAt: isoTime(row.starts_at),
  endsAt: isoTime(row.ends_at),
  joinedAt: optionalIsoTime(row.joined_at),
});

const due = (row: { channel_id: string; subscriber_id: string; ends_at: Date }): DueSubscriptionRow => ({
  channelId: row.channel_id,
  subscriberId: row.subscriber_id,
  endsAt: isoTime(row.ends_at),
});

const afterCursor = (after: Cursor | undefined) =>
  after ? sql<boolean>`(ends_at, channel_id, subscriber_id) > (${after.endsAt}::timestamptz, ${after.channelId}, ${after.subscriberId})` : sql<boolean>`true`;

export type DueRemindersQuery = { endsAfter: Date; endsUntil: Date; daysBefore: number; after?: Cursor; limit: number };
export type DueRevocationsQuery = { endedBy: Date; after?: Cursor; limit: number };
export type PendingNoticesQuery = { after?: Cursor; limit: number };

/** The sweep's queries as kysely builders (tests EXPLAIN them); keyset pages in (ends_at, channel_id, subscriber_id) order. */
export const subscriptionExpiryQueries = (db: AnyKysely, schema: string) => {
  const page = (after: Cursor | undefined, limit: number) =>
    scopedTo<SubscriptionsDb>(db, schema)
      .selectFrom('subscriptions')
      .select(['channel_id', 'subscriber_id', 'ends_at'])
      .where(afterCursor(after))
      .orderBy('ends_at')
      .orderBy('channel_id')
      .orderBy('subscriber_id')
      .limit(limit);
  return {
    dueReminders: (query: DueRemindersQuery) =>
      page(query.after, query.limit)
        .where('status', '=', 'active')
        .where('ends_at', '>', query.endsAfter)
        .where('ends_at', '<=', query.endsUntil)
        .where('reminded_days', '>', query.daysBefore)
        .where(sql<boolean>`period_since <= ends_at - make_interval(days => ${query.daysBefore})`),
    dueRevocations: (query: DueRevocationsQuery) => page(query.after, query.limit).where('status', '=', 'active').where('ends_at', '<=', query.endedBy),
    pendingExpiryNotices: (query: PendingNoticesQuery) => page(query.after, query.limit).where('notice_pending', '=', true),
  };
};

/**
 * The expiry sweep's source (the ExpirySource port of @paygate/commands), over the
 * `subscriptions` read model in `schema`: each page is a range scan of a partial index
 * (running periods by end; pending notices), never a scan of every subscription.
 */
export const createSubscriptionExpirySource = (db: AnyKysely, schema: string) => {
  const queries = subscriptionExpiryQueries(db, schema);
  return {
    dueReminders: async (query: DueRemindersQuery): Promise<DueSubscriptionRow[]> => (await queries.dueReminders(query).execute()).map(due),
    dueRevocations: async (query: DueRevocationsQuery): Promise<DueSubscriptionRow[]> => (await queries.dueRevocations(query).execute()).map(due),
    pendingExpiryNotices: async (query: PendingNoticesQuery): Promise<DueSubscriptionRow[]> => (await queries.pendingExpiryNotices(query).execute()).map(due),
  };
};

/** A subscriber's subscriptions (all channels), latest end first: the bot's "my subscriptions". */
export const listSubscriberSubscriptions = async (db: AnyKysely, schema: string, subscriberId: string): Promise<SubscriptionView[]> => {
  const rows = await scopedTo<SubscriptionsDb>(db, schema)
    .selectFrom('subscriptions')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('ends_at', 'desc')
    .execute();
  return rows.map(subscriptionViewFromRow);
};

export const findSubscription = async (db: AnyKysely, schema: string, channelId: string, subscriberId: string): Promise<SubscriptionView | undefined> => {
  const row = await scopedTo<SubscriptionsDb>(db, schema)
    .selectFrom('subscriptions')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('subscriber_id', '=', subscriberId)
    .executeTakeFirst();
  return row && subscriptionViewFromRow(row);
};
