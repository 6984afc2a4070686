import * as v from 'valibot';
import { createEventParser } from '../decider/event-schema.ts';
import { IdSchema, TelegramChatIdSchema, TelegramUserIdSchema, TextSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { BroadcastScheduleSchema } from './broadcast-schedule.ts';

/** One stream per paid channel: its linked public channel and every broadcast's plan and occurrences. */
export const broadcastsStreamId = (channelId: string): string => `broadcasts-${channelId}`;

export const BroadcastAudienceSchema = v.picklist(['public_channel', 'subscribers']);
export type BroadcastAudience = v.InferOutput<typeof BroadcastAudienceSchema>;

const CountSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A Telegram file_id or an http(s) URL of the image. */
const PhotoSchema = v.pipe(v.string(), v.regex(/^(https?:\/\/\S{1,2000}|[A-Za-z0-9_-]{10,256})$/, 'must be a Telegram file_id or an http(s) URL'));

export const PublicChannelLinkedSchema = v.object({
  type: v.literal('PublicChannelLinked'),
  data: v.object({
    channelId: IdSchema,
    publicChatId: TelegramChatIdSchema,
    title: TextSchema(255),
    username: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be a Telegram username'))),
    linkedBy: TelegramUserIdSchema,
    linkedAt: TimestampSchema,
  }),
});

export const PublicChannelUnlinkedSchema = v.object({
  type: v.literal('PublicChannelUnlinked'),
  data: v.object({ channelId: IdSchema, publicChatId: TelegramChatIdSchema, unlinkedBy: TelegramUserIdSchema, unlinkedAt: TimestampSchema }),
});

/** The broadcast's content; a draft can be rewritten until it is scheduled. `html` is Telegram HTML, checked by the decider. */
export const BroadcastDraftedSchema = v.object({
  type: v.literal('BroadcastDrafted'),
  data: v.object({
    channelId: IdSchema,
    broadcastId: IdSchema,
    audience: BroadcastAudienceSchema,
    html: v.pipe(v.string(), v.minLength(1), v.maxLength(16_384)),
    photo: v.optional(PhotoSchema),
    tierButtons: v.boolean(),
    draftedBy: TelegramUserIdSchema,
    draftedAt: TimestampSchema,
  }),
});

/** `nextAt`: the first occurrence, as decided when it was scheduled. */
export const BroadcastScheduledSchema = v.object({
  type: v.literal('BroadcastScheduled'),
  data: v.object({
    channelId: IdSchema,
    broadcastId: IdSchema,
    schedule: BroadcastScheduleSchema,
    nextAt: TimestampSchema,
    scheduledBy: TelegramUserIdSchema,
    scheduledAt: TimestampSchema,
  }),
});

/** No further occurrence starts; one already sending finishes its run. */
export const BroadcastCancelledSchema = v.object({
  type: v.literal('BroadcastCancelled'),
  data: v.object({ channelId: IdSchema, broadcastId: IdSchema, cancelledBy: TelegramUserIdSchema, cancelledAt: TimestampSchema }),
});

/** The scheduler started the occurrence due at `occurrence`; its recipients are frozen in the delivery stream. */
export const BroadcastOccurrenceStartedSchema = v.object({
  type: v.literal('BroadcastOccurrenceStarted'),
  data: v.object({ channelId: IdSchema, broadcastId: IdSchema, occurrence: TimestampSchema, recipients: CountSchema, startedAt: TimestampSchema }),
});

/** Every recipient was tried; `nextAt` is the following occurrence of a recurrence (absent: the broadcast is done). */
export const BroadcastOccurrenceCompletedSchema = v.object({
  type: v.literal('BroadcastOccurrenceCompleted'),
  data: v.object({
    channelId: IdSchema,
    broadcastId: IdSchema,
    occurrence: TimestampSchema,
    sent: CountSchema,
    failed: CountSchema,
    blocked: CountSchema,
    nextAt: v.optional(TimestampSchema),
    completedAt: TimestampSchema,
  }),
});

export const BroadcastEventSchema = v.variant('type', [
  PublicChannelLinkedSchema,
  PublicChannelUnlinkedSchema,
  BroadcastDraftedSchema,
  BroadcastScheduledSchema,
  BroadcastCancelledSchema,
  BroadcastOccurrenceStartedSchema,
  BroadcastOccurrenceCompletedSchema,
]);

export type BroadcastEvent = v.InferOutput<typeof BroadcastEventSchema>;
export type BroadcastDrafted = v.InferOutput<typeof BroadcastDraftedSchema>;
export type BroadcastScheduled = v.InferOutput<typeof BroadcastScheduledSchema>;

export const parseBroadcastEvent = createEventParser(BroadcastEventSchema, 'broadcast');
