import * as v from 'valibot';
import { createEventParser } from '../decider/event-schema.ts';
import { IdSchema, TelegramChatIdSchema, TelegramUserIdSchema, TextSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { DurationDaysSchema, TierPriceJsonSchema } from './tier-price.ts';

/** One stream per channel. */
export const channelStreamId = (channelId: string): string => `channel-${channelId}`;

export const ChannelRegisteredSchema = v.object({
  type: v.literal('ChannelRegistered'),
  data: v.object({
    channelId: IdSchema,
    chatId: TelegramChatIdSchema,
    ownerId: TelegramUserIdSchema,
    title: TextSchema(255),
    registeredAt: TimestampSchema,
  }),
});

/** A tier's (new) terms; re-pricing an existing tier is another TierPriced and applies to new purchases only. */
export const TierPricedSchema = v.object({
  type: v.literal('TierPriced'),
  data: v.object({
    channelId: IdSchema,
    tierId: IdSchema,
    name: TextSchema(64),
    price: TierPriceJsonSchema,
    durationDays: DurationDaysSchema,
    pricedAt: TimestampSchema,
  }),
});

export const TierRetiredSchema = v.object({
  type: v.literal('TierRetired'),
  data: v.object({ channelId: IdSchema, tierId: IdSchema, retiredAt: TimestampSchema }),
});

/**
 * A user's status in the channel as Telegram reported it (chat_member update, getChatMember);
 * `not_admin`: absent from getChatAdministrators, which does not say what they are instead.
 */
export const OWNER_CHAT_STATUSES = ['creator', 'administrator', 'member', 'restricted', 'left', 'kicked', 'not_admin'] as const;
export type OwnerChatStatus = (typeof OWNER_CHAT_STATUSES)[number];

/** The channel's Telegram creator took it over from the owner of record (after a fresh lookup said they are the creator). */
export const ChannelOwnershipClaimedSchema = v.object({
  type: v.literal('ChannelOwnershipClaimed'),
  data: v.object({ channelId: IdSchema, previousOwnerId: TelegramUserIdSchema, ownerId: TelegramUserIdSchema, claimedAt: TimestampSchema }),
});

/** Payouts of the channel wait: its owner of record is no longer an administrator of it. */
export const ChannelPayoutsHeldSchema = v.object({
  type: v.literal('ChannelPayoutsHeld'),
  data: v.object({
    channelId: IdSchema,
    ownerId: TelegramUserIdSchema,
    reason: v.picklist(['owner_not_admin']),
    ownerStatus: v.picklist(OWNER_CHAT_STATUSES),
    heldAt: TimestampSchema,
  }),
});

export const ChannelPayoutsResumedSchema = v.object({
  type: v.literal('ChannelPayoutsResumed'),
  data: v.object({
    channelId: IdSchema,
    ownerId: TelegramUserIdSchema,
    /** The owner is an administrator again, or the creator claimed the channel. */
    reason: v.picklist(['owner_admin_again', 'ownership_claimed']),
    resumedAt: TimestampSchema,
  }),
});

export const ChannelEventSchema = v.variant('type', [
  ChannelRegisteredSchema,
  TierPricedSchema,
  TierRetiredSchema,
  ChannelOwnershipClaimedSchema,
  ChannelPayoutsHeldSchema,
  ChannelPayoutsResumedSchema,
]);

export type ChannelRegistered = v.InferOutput<typeof ChannelRegisteredSchema>;
export type TierPriced = v.InferOutput<typeof TierPricedSchema>;
export type TierRetired = v.InferOutput<typeof TierRetiredSchema>;
export type ChannelOwnershipClaimed = v.InferOutput<typeof ChannelOwnershipClaimedSchema>;
export type ChannelPayoutsHeld = v.InferOutput<typeof ChannelPayoutsHeldSchema>;
export type ChannelPayoutsResumed = v.InferOutput<typeof ChannelPayoutsResumedSchema>;
export type ChannelEvent = v.InferOutput<typeof ChannelEventSchema>;

/** Validates a channel event read back from a store or received at a boundary. */
export const parseChannelEvent = createEventParser(ChannelEventSchema, 'channel');
