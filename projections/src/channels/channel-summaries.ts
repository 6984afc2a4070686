import { sql } from 'kysely';
import { positionFromColumns } from '../read-models/columns.ts';
import type { OwnerScope } from '../read-models/owner-scope.ts';
import { checkedPageLimit, type RowPage, type RowPageKey } from '../read-models/row-page.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { SubscriptionsDb } from '../subscriptions/subscriptions-tables.ts';
import { channelViewFromRows, type ChannelView } from './channel-view.ts';
import type { ChannelsDb } from './channels-tables.ts';

/** A channel with its tiers and how many subscribers it has: `subscribers` counts expired ones too. */
export type ChannelSummaryView = ChannelView & { activeSubscribers: number; subscribers: number };

export type ChannelListQuery = { scope?: OwnerScope; limit?: number; after?: RowPageKey };

/**
 * Channels (an owner's, or all), most recently changed first by (updated position, channel id):
 * a total order, so keyset pages neither repeat nor skip a row that did not change meanwhile.
 * A page costs three queries (channels, their tiers, their subscriber counts), whatever its size.
 */
export const listChannels = async (db: AnyKysely, schema: string, options: ChannelListQuery = {}): Promise<RowPage<ChannelSummaryView>> => {
  const limit = checkedPageLimit(options.limit);
  const scoped = scopedTo<ChannelsDb & SubscriptionsDb>(db, schema);
  let query = scoped.selectFrom('channels').selectAll();
  // The channels table is the owner's list itself: no subquery needed.
  if (options.scope?.ownerId !== undefined) query = query.where('owner_id', '=', options.scope.ownerId);
  const after = options.after;
  if (after) {
    query = query.where(
      sql<boolean>`(updated_commit, updated_prepare, channel_id) < (${after.position.commit.toString()}::numeric, ${after.position.prepare.toString()}::numeric, ${after.id}::text)`,
    );
  }
  const rows = await query.orderBy('updated_commit', 'desc').orderBy('updated_prepare', 'desc').orderBy('channel_id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  if (page.length === 0) return { items: [], next: undefined };
  const ids = page.map((row) => row.channel_id);
  const [tiers, counts] = await Promise.all([
    scoped.selectFrom('channel_tiers').selectAll().where('channel_id', 'in', ids).orderBy('channel_id').orderBy('tier_id').execute(),
    scoped
      .selectFrom('subscriptions')
      .select(['channel_id', sql<string>`count(*) FILTER (WHERE status = 'active')::text`.as('active'), sql<string>`count(*)::text`.as('total')])
      .where('channel_id', 'in', ids)
      .groupBy('channel_id')
      .execute(),
  ]);
  const countOf = new Map(counts.map((row) => [row.channel_id, row]));
  const items = page.map((channel) => {
    const count = countOf.get(channel.channel_id);
    return {
      ...channelViewFromRows(
        channel,
        tiers.filter((tier) => tier.channel_id === channel.channel_id),
      ),
      activeSubscribers: Number(count?.active ?? 0),
      subscribers: Number(count?.total ?? 0),
    };
  });
  const last = page.at(-1)!;
  return {
    items,
    next: rows.length > limit ? { position: positionFromColumns(last.updated_commit, last.updated_prepare), id: last.channel_id } : undefined,
  };
};
