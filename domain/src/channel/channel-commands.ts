import type { DomainCommand } from '../decider/decider.ts';
import type { Money } from '../money/index.ts';
import type { OwnerChatStatus } from './channel-events.ts';

export type RegisterChannel = DomainCommand<
  'RegisterChannel',
  {
    channelId: string;
    chatId: string;
    ownerId: string;
    title: string;
    registeredAt: string;
    /**
     * The chat's creator as a fresh Telegram lookup named them (the bot always sends it). Absent
     * for an operator's registration (CLI), which is trusted and can be reclaimed by the creator.
     */
    creatorId?: string | null;
  }
>;

/** Prices a new tier or re-prices an existing one; price in USD (2 decimals). */
export type PriceTier = DomainCommand<
  'PriceTier',
  { channelId: string; tierId: string; name: string; price: Money; durationDays: number; pricedAt: string }
>;

export type RetireTier = DomainCommand<'RetireTier', { channelId: string; tierId: string; retiredAt: string }>;

/** The claimant takes the channel over; `creatorId` is the chat's creator as a fresh lookup named them (null: none found). */
export type ClaimChannelOwnership = DomainCommand<
  'ClaimChannelOwnership',
  { channelId: string; claimantId: string; creatorId: string | null; claimedAt: string }
>;

/** What Telegram said about a user's status in the channel (chat_member update or lookup); it matters when they are the owner. */
export type RecordOwnerStatus = DomainCommand<
  'RecordOwnerStatus',
  { channelId: string; userId: string; status: OwnerChatStatus; observedAt: string }
>;

export type ChannelCommand = RegisterChannel | PriceTier | RetireTier | ClaimChannelOwnership | RecordOwnerStatus;
