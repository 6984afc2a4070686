import { sql, type Selectable } from 'kysely';
import { PayGateError } from '@paygate/domain';
import type { ChannelsDb } from '../channels/channels-tables.ts';
import { ownedChannelCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import { subscriptionViewFromRow, type SubscriptionView } from './subscription-queries.ts';
import type { SubscriptionsDb, SubscriptionsTable } from './subscriptions-tables.ts';

/** A subscription as the dashboard shows it: with its channel's title and its tier's name (null if the tier row is missing). */
export type SubscriberView = SubscriptionView & { channelTitle: string; tierName: string | null };

/**
 * The page id of a subscription: `<channelId>/<subscriberId>`. A channel id may hold any printable
 * character, '/' included, but a subscriber id is a Telegram user id (digits only), so the last '/'
 * always separates the two and the id reads back unambiguously.
 */
export const subscriberRowId = (channelId: string, subscriberId: string): string => `${channelId}/${subscriberId}`;

const SUBSCRIBER_ID = /^[1-9]\d{0,19}$/;

/** The (channel id, subscriber id) of a page id; a validation error for anything subscriberRowId cannot have made. */
export const parseSubscriberRowId = (id: string): { channelId: string; subscriberId: string } => {
  const slash = id.lastIndexOf('/');
  const channelId = id.slice(0, slash);
  const subscriberId = id.slice(slash + 1);
  if (slash < 1 || !SUBSCRIBER_ID.test(subscriberId)) {
    throw new PayGateError('validation', 'a subscriber page id is <channelId>/<subscriberId>', { field: 'after' });
  }
  return { channelId, subscriberId };
};

type SubscriberRow = Selectable<SubscriptionsTable> & { channel_title: string; tier_name: string | null };

export const subscriberViewFromRow = (row: SubscriberRow): SubscriberView => ({
  ...subscriptionViewFromRow(row),
  channelTitle: row.channel_title,
  tierName: row.tier_name,
});

/**
 * Subscriptions (alias `s`) with their channel's title and tier's name, restricted to the scope's
 * channels in the query. Left joins: the channels read model runs on its own checkpoint, so a
 * subscription may briefly come before its channel's row; its title then reads as the channel id.
 */
export const subscriberRows = (db: AnyKysely, schema: string, scope: OwnerScope | undefined) =>
  scopedTo<SubscriptionsDb & ChannelsDb>(db, schema)
    .selectFrom('subscriptions as s')
    .leftJoin('channels as c', 'c.channel_id', 's.channel_id')
    .leftJoin('channel_tiers as t', (join) => join.onRef('t.channel_id', '=', 's.channel_id').onRef('t.tier_id', '=', 's.tier_id'))
    .selectAll('s')
    .select([sql<string>`coalesce(c.title, s.channel_id)`.as('channel_title'), 't.name as tier_name'])
    .where(ownedChannelCondition(schema, scope, 's.channel_id'));
