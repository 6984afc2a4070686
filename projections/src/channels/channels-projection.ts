import { parseChannelEvent, type ChannelEvent, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type Row, type RowSet, type TableKey } from '../rows/index.ts';
import { channelsDdl } from './channels-tables.ts';

const TIER_EVENTS: readonly string[] = ['TierPriced', 'TierRetired'];

const touches = (recorded: RecordedEvent): TableKey[] => {
  const event = parseChannelEvent(recorded);
  if (event.type === 'TierPriced' || event.type === 'TierRetired') {
    return [{ table: 'channel_tiers', key: { channel_id: event.data.channelId, tier_id: event.data.tierId } }];
  }
  return [{ table: 'channels', key: { channel_id: event.data.channelId } }];
};

/** Owner claims and payout holds change a registered channel's row. */
const channelChange = (event: ChannelEvent): Row | undefined => {
  switch (event.type) {
    case 'ChannelOwnershipClaimed':
      return { owner_id: event.data.ownerId, owner_claimed_at: event.data.claimedAt };
    case 'ChannelPayoutsHeld':
      return { payouts_held_reason: event.data.reason, payouts_held_at: event.data.heldAt };
    case 'ChannelPayoutsResumed':
      return { payouts_held_reason: null, payouts_held_at: null };
    default:
      return undefined;
  }
};

const evolveTier = (rows: RowSet, event: ChannelEvent, recorded: RecordedEvent, moved: Row): void => {
  if (event.type !== 'TierPriced' && event.type !== 'TierRetired') return;
  const key = { channel_id: event.data.channelId, tier_id: event.data.tierId };
  const tier = rows.get('channel_tiers', key);
  if (tier && rowHasSeen(tier, recorded.position)) return;
  if (event.type === 'TierRetired') {
    // Retiring twice changes nothing: the first retirement's time stays.
    if (tier && tier.retired_at === null) rows.put('channel_tiers', { ...tier, retired_at: event.data.retiredAt, ...moved });
    return;
  }
  const { name, price, durationDays, pricedAt } = event.data;
  rows.put('channel_tiers', {
    ...key,
    first_priced_at: tier?.first_priced_at ?? pricedAt,
    retired_at: tier?.retired_at ?? null,
    revisions: Number(tier?.revisions ?? 0) + 1,
    name,
    price_amount: price.amount,
    price_currency: price.currency,
    price_decimals: price.decimals,
    duration_days: durationDays,
    priced_at: pricedAt,
    ...moved,
  });
};

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const event = parseChannelEvent(recorded);
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  if (TIER_EVENTS.includes(event.type)) return evolveTier(rows, event, recorded, moved);
  const channel = rows.get('channels', { channel_id: event.data.channelId });
  if (event.type === 'ChannelRegistered') {
    // A channel registers once; a replayed event finds its row and changes nothing.
    if (channel) return;
    const { channelId, chatId, ownerId, title, registeredAt } = event.data;
    rows.put('channels', {
      channel_id: channelId,
      chat_id: chatId,
      owner_id: ownerId,
      title,
      registered_at: registeredAt,
      owner_claimed_at: null,
      payouts_held_reason: null,
      payouts_held_at: null,
      ...moved,
    });
    return;
  }
  const change = channelChange(event);
  if (channel && change && !rowHasSeen(channel, recorded.position)) rows.put('channels', { ...channel, ...change, ...moved });
};

/** Channels, their owner of record and payout hold, and their tiers as owners priced them (tables `channels`, `channel_tiers`). */
export const channelsProjection = rowProjection({
  name: 'channels',
  // 2: owner claims and payout holds (new columns); 3: set-based batches (same rows, rebuilt through the new path).
  version: 3,
  keys: { channels: ['channel_id'], channel_tiers: ['channel_id', 'tier_id'] },
  ddl: channelsDdl,
  handles: ['ChannelRegistered', 'TierPriced', 'TierRetired', 'ChannelOwnershipClaimed', 'ChannelPayoutsHeld', 'ChannelPayoutsResumed'],
  touches,
  evolve,
});
