import type { Selectable } from 'kysely';
import type { Money } from '@paygate/domain';
import { isoTime, moneyFromColumns, optionalIsoTime } from '../read-models/columns.ts';
import type { ChannelsTable, ChannelTiersTable } from './channels-tables.ts';

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

export const tierViewFromRow = (tier: Selectable<ChannelTiersTable>): TierView => ({
  tierId: tier.tier_id,
  name: tier.name,
  price: moneyFromColumns(tier.price_amount, tier.price_currency, tier.price_decimals),
  durationDays: tier.duration_days,
  firstPricedAt: isoTime(tier.first_priced_at),
  pricedAt: isoTime(tier.priced_at),
  retired: tier.retired_at !== null,
  retiredAt: optionalIsoTime(tier.retired_at),
});

/** The channel's row and its tiers (in tier id order) as a view. */
export const channelViewFromRows = (channel: Selectable<ChannelsTable>, tiers: readonly Selectable<ChannelTiersTable>[]): ChannelView => ({
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
  tiers: tiers.map(tierViewFromRow),
});
