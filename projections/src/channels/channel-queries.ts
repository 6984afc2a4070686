import type { OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import { channelViewFromRows, type ChannelView } from './channel-view.ts';
import type { ChannelsDb } from './channels-tables.ts';

/**
 * The channel with its tiers, or undefined when no such channel is registered, or (with an
 * owner's scope) when someone else is its owner of record.
 */
export const findChannel = async (db: AnyKysely, schema: string, channelId: string, scope: OwnerScope = {}): Promise<ChannelView | undefined> => {
  const scoped = scopedTo<ChannelsDb>(db, schema);
  let query = scoped.selectFrom('channels').selectAll().where('channel_id', '=', channelId);
  if (scope.ownerId !== undefined) query = query.where('owner_id', '=', scope.ownerId);
  const channel = await query.executeTakeFirst();
  if (!channel) return undefined;
  const tiers = await scoped.selectFrom('channel_tiers').selectAll().where('channel_id', '=', channelId).orderBy('tier_id').execute();
  return channelViewFromRows(channel, tiers);
};

/** Ids of the channels whose owner of record is `ownerId`, oldest registration first. */
export const listOwnerChannelIds = (db: AnyKysely, schema: string, ownerId: string): Promise<string[]> =>
  channelIdsWhere(db, schema, 'owner_id', ownerId);

/** Ids of the channels registered for `chatId` (normally one), oldest registration first. */
export const listChatChannelIds = (db: AnyKysely, schema: string, chatId: string): Promise<string[]> =>
  channelIdsWhere(db, schema, 'chat_id', chatId);

const channelIdsWhere = async (db: AnyKysely, schema: string, column: 'owner_id' | 'chat_id', value: string): Promise<string[]> => {
  const rows = await scopedTo<ChannelsDb>(db, schema)
    .selectFrom('channels')
    .select('channel_id')
    .where(column, '=', value)
    .orderBy('registered_at')
    .orderBy('channel_id')
    .execute();
  return rows.map((row) => row.channel_id);
};
