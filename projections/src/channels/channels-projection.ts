import type { QueryCreator, Updateable } from 'kysely';
import { parseChannelEvent, type ChannelEvent, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowIsBefore } from '../read-models/position-guard.ts';
import type { Projection } from '../runner/index.ts';
import { CHANNEL_TABLES, channelsDdl, type ChannelsDb, type ChannelsTable } from './channels-tables.ts';

type Db = QueryCreator<ChannelsDb>;

const applyChannelEvent = async (db: Db, event: ChannelEvent, position: GlobalPosition): Promise<void> => {
  const { commit, prepare } = positionColumns(position);
  switch (event.type) {
    case 'ChannelRegistered': {
      const { channelId, chatId, ownerId, title, registeredAt } = event.data;
      // A channel registers once; a replayed event finds its row and changes nothing.
      await db
        .insertInto('channels')
        .values({
          channel_id: channelId,
          chat_id: chatId,
          owner_id: ownerId,
          title,
          registered_at: registeredAt,
          owner_claimed_at: null,
          payouts_held_reason: null,
          payouts_held_at: null,
          updated_commit: commit,
          updated_prepare: prepare,
        })
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
    case 'ChannelOwnershipClaimed': {
      const { channelId, ownerId, claimedAt } = event.data;
      await updateChannel(db, channelId, position, { owner_id: ownerId, owner_claimed_at: claimedAt });
      return;
    }
    case 'ChannelPayoutsHeld': {
      const { channelId, reason, heldAt } = event.data;
      await updateChannel(db, channelId, position, { payouts_held_reason: reason, payouts_held_at: heldAt });
      return;
    }
    case 'ChannelPayoutsResumed':
      await updateChannel(db, event.data.channelId, position, { payouts_held_reason: null, payouts_held_at: null });
      return;
  }
};

type ChannelChange = Pick<Updateable<ChannelsTable>, 'owner_id' | 'owner_claimed_at' | 'payouts_held_reason' | 'payouts_held_at'>;

const updateChannel = async (db: Db, channelId: string, position: GlobalPosition, change: ChannelChange): Promise<void> => {
  const { commit, prepare } = positionColumns(position);
  await db
    .updateTable('channels')
    .set({ ...change, updated_commit: commit, updated_prepare: prepare })
    .where('channel_id', '=', channelId)
    .where(rowIsBefore('channels', position))
    .execute();
};

/** Channels, their owner of record and payout hold, and their tiers as owners priced them (tables `channels`, `channel_tiers`). */
export const channelsProjection: Projection<ChannelsDb> = {
  name: 'channels',
  // 2: owner claims and payout holds (new columns: the tables are rebuilt from event 0).
  version: 2,
  tables: CHANNEL_TABLES,
  ddl: channelsDdl,
  handles: ['ChannelRegistered', 'TierPriced', 'TierRetired', 'ChannelOwnershipClaimed', 'ChannelPayoutsHeld', 'ChannelPayoutsResumed'],
  apply: (db, event: RecordedEvent) => applyChannelEvent(db, parseChannelEvent(event), event.position),
};
