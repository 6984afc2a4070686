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

export const ChannelEventSchema = v.variant('type', [ChannelRegisteredSchema, TierPricedSchema, TierRetiredSchema]);

export type ChannelRegistered = v.InferOutput<typeof ChannelRegisteredSchema>;
export type TierPriced = v.InferOutput<typeof TierPricedSchema>;
export type TierRetired = v.InferOutput<typeof TierRetiredSchema>;
export type ChannelEvent = v.InferOutput<typeof ChannelEventSchema>;
export type ChannelEventType = ChannelEvent['type'];

/** Validates a channel event read back from a store or received at a boundary. */
export const parseChannelEvent = createEventParser(ChannelEventSchema, 'channel');
