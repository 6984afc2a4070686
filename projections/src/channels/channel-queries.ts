import type { Money } from '@paygate/domain';
import { isoTime, moneyFromColumns, optionalIsoTime } from '../read-models/columns.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { ChannelsDb } from './channels-tables.ts';

export type TierView = {
  tierId: string;
  name: string;
  /** The current price; invoices already created keep the price they were created with. */
  price: Money;
  durationDays: number;
  firstPricedAt: string;
  pricedAt: string;
  retired: boolean;
  retiredAt: string | null;
};

export type ChannelView = {
  channelId: string;
  chatId: string;
  ownerId: string;
  title: string;
  registeredAt: string;
  /** When the channel's creator last claimed it from its previous owner of record. */
  ownerClaimedAt: string | null;
  /** Set while the channel's payouts are held; payouts must not go out then. */
  payoutsHeld: { reason: string; heldAt: string } | null;
  /** Every tier ever priced, retired ones included, ordered by tier id. */
  tiers: TierView[];
};

/** The channel with its tiers, or undefined when no such channel is registered. */
export const findChannel = async (db: AnyKysely, schema: string, channelId: string): Promise<ChannelView | undefined> => {
  const scoped = scopedTo<ChannelsDb>(db, schema);
  const channel = await scoped.selectFrom('channels').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
  if (!channel) return undefined;
  const tiers = await scoped.selectFrom('channel_tiers').selectAll().where('channel_id', '=', channelId).orderBy('tier_id').execute();
  return {
    channelId: channel.channel_id,
    chatId: channel.chat_id,
    ownerId: channel.owner_id,
    title: channel.title,
    registeredAt: isoTime(channel.registered_at),
    ownerClaimedAt: optionalIsoTime(channel.owner_claimed_at),
    payoutsHeld:
      channel.payouts_held_reason === null || channel.payouts_held_at === null
        ? null
        : { reason: channel.payouts_held_reason, heldAt: isoTime(channel.payouts_held_at) },
    tiers: tiers.map((tier) => ({
      tierId: tier.tier_id,
      name: tier.name,
      price: moneyFromColumns(tier.price_amount, tier.price_currency, tier.price_decimals),
      durationDays: tier.duration_days,
      firstPricedAt: isoTime(tier.first_priced_at),
      pricedAt: isoTime(tier.priced_at),
      retired: tier.retired_at !== null,
      retiredAt: optionalIsoTime(tier.retired_at),
    })),
  };
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
