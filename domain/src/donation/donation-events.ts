import * as v from 'valibot';
import { IdSchema, TelegramChatIdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { MoneyJsonSchema } from '../money/index.ts';

/** A channel's donation settings and the Donate messages the bot posted for it. */
export const donationsStreamId = (channelId: string): string => `donations-${channelId}`;

export const MAX_DONATION_PRESETS = 6;

/**
 * The owner enabled donations or changed them: the preset amounts offered (in order), whether the
 * public channel gets the message too, and whether donations are taken (`enabled: false`: paused,
 * presets kept). Events written before pausing existed have no `enabled`: they mean enabled.
 */
export const DonationsConfiguredSchema = v.object({
  type: v.literal('DonationsConfigured'),
  data: v.object({
    channelId: IdSchema,
    presets: v.pipe(v.array(MoneyJsonSchema), v.minLength(1, 'needs at least one preset'), v.maxLength(MAX_DONATION_PRESETS)),
    postInPublic: v.boolean(),
    enabled: v.exactOptional(v.boolean()),
    configuredBy: TelegramUserIdSchema,
    configuredAt: TimestampSchema,
  }),
});

/** Where the bot posted (or re-posted) the Donate message in a chat: the one it edits from then on. */
export const DonationMessagePostedSchema = v.object({
  type: v.literal('DonationMessagePosted'),
  data: v.object({
    channelId: IdSchema,
    chatId: TelegramChatIdSchema,
    messageId: v.pipe(v.number(), v.integer(), v.minValue(1)),
    postedAt: TimestampSchema,
  }),
});

export const DonationsEventSchema = v.variant('type', [DonationsConfiguredSchema, DonationMessagePostedSchema]);

export type DonationsConfigured = v.InferOutput<typeof DonationsConfiguredSchema>;
export type DonationMessagePosted = v.InferOutput<typeof DonationMessagePostedSchema>;
export type DonationsEvent = v.InferOutput<typeof DonationsEventSchema>;

export const parseDonationsEvent = createEventParser(DonationsEventSchema, 'donations');
