import { sql } from 'kysely';
import { positionFromColumns } from '../read-models/columns.ts';
import type { OwnerScope } from '../read-models/owner-scope.ts';
import { checkedPageLimit, type RowPage, type RowPageKey } from '../read-models/row-page.ts';
import type { AnyKysely } from '../runner/index.ts';
import { parseSubscriberRowId, subscriberRowId, subscriberRows, subscriberViewFromRow, type SubscriberView } from './subscriber-view.ts';

export type SubscriberListQuery = {
  scope?: OwnerScope;
  channelId?: string;
  status?: 'active' | 'expired';
  limit?: number;
  /** The `next` of the previous page; its id is subscriberRowId's `<channelId>/<subscriberId>`. */
  after?: RowPageKey;
};

/**
 * Subscribers (an owner's channels', or all; optionally one channel's, one status), most recently
 * changed first by (updated position, channel id, subscriber id): a total order, so keyset pages
 * neither repeat nor skip a row that did not change meanwhile.
 */
export const listSubscribers = async (db: AnyKysely, schema: string, options: SubscriberListQuery = {}): Promise<RowPage<SubscriberView>> => {
  const limit = checkedPageLimit(options.limit);
  let query = subscriberRows(db, schema, options.scope);
  if (options.channelId !== undefined) query = query.where('s.channel_id', '=', options.channelId);
  if (options.status !== undefined) query = query.where('s.status', '=', options.status);
  const after = options.after;
  if (after) {
    const { channelId, subscriberId } = parseSubscriberRowId(after.id);
    query = query.where(
      sql<boolean>`(s.updated_commit, s.updated_prepare, s.channel_id, s.subscriber_id) < (${after.position.commit.toString()}::numeric, ${after.position.prepare.toString()}::numeric, ${channelId}::text, ${subscriberId}::text)`,
    );
  }
  const rows = await query
    .orderBy('s.updated_commit', 'desc')
    .orderBy('s.updated_prepare', 'desc')
    .orderBy('s.channel_id', 'desc')
    .orderBy('s.subscriber_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(subscriberViewFromRow),
    next:
      rows.length > limit && last
        ? { position: positionFromColumns(last.updated_commit, last.updated_prepare), id: subscriberRowId(last.channel_id, last.subscriber_id) }
        : undefined,
  };
};
