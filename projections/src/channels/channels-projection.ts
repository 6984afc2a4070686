import type { QueryCreator } from 'kysely';
import { parseChannelEvent, type ChannelEvent, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowIsBefore } from '../read-models/position-guard.ts';
import type { Projection } from '../runner/index.ts';
import { CHANNEL_TABLES, channelsDdl, type ChannelsDb } from './channels-tables.ts';

type Db = QueryCreator<ChannelsDb>;

const applyChannelEvent = async (db: Db, event: ChannelEvent, position: GlobalPosition): Promise<void> => {
  const { commit, prepare } = positionColumns(position);
  switch (event.type) {
    case 'ChannelRegistered': {
      const { channelId, chatId, ownerId, title, registeredAt } = event.data;
      // A channel registers once; a replayed event finds its row and changes nothing.
      await db
        .insertInto('channels')
        .values({ channel_id: channelId, chat_id: chatId, owner_id: ownerId, title, registered_at: registeredAt })
        .onConflict((oc) => oc.column('channel_id').doNothing())
        .execute();
      return;
    }
    case 'TierPriced': {
      const { channelId, tierId, name, price, durationDays, pricedAt } = event.data;
      const terms = {
        name,
        price_amount: price.amount,
        price_currency: price.currency,
        price_decimals: price.decimals,
        duration_days: durationDays,
        priced_at: pricedAt,
        updated_commit: commit,
        updated_prepare: prepare,
      };
      await db
        .insertInto('channel_tiers')
        .values({ channel_id: channelId, tier_id: tierId, ...terms, first_priced_at: pricedAt, retired_at: null, revisions: 1 })
        .onConflict((oc) =>
          oc
            .columns(['channel_id', 'tier_id'])
            .doUpdateSet((eb) => ({ ...terms, revisions: eb('channel_tiers.revisions', '+', 1) }))
            .where(rowIsBefore('channel_tiers', position)),
        )
        .execute();
      return;
    }
    case 'TierRetired': {
      const { channelId, tierId, retiredAt } = event.data;
      // Retiring twice changes nothing: the first retirement's time stays.
      await db
        .updateTable('channel_tiers')
        .set({ retired_at: retiredAt, updated_commit: commit, updated_prepare: prepare })
        .where('channel_id', '=', channelId)
        .where('tier_id', '=', tierId)
        .where('retired_at', 'is', null)
        .where(rowIsBefore('channel_tiers', position))
        .execute();
      return;
    }
  }
};

/** Channels and their tiers, as owners priced them (table `channels`, `channel_tiers`). */
export const channelsProjection: Projection<ChannelsDb> = {
  name: 'channels',
  version: 1,
  tables: CHANNEL_TABLES,
  ddl: channelsDdl,
  handles: ['ChannelRegistered', 'TierPriced', 'TierRetired'],
  apply: (db, event: RecordedEvent) => applyChannelEvent(db, parseChannelEvent(event), event.position),
};
