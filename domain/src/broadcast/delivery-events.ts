import * as v from 'valibot';
import { createEventParser } from '../decider/event-schema.ts';
import { IdSchema, TelegramChatIdSchema, TimestampSchema } from '../decider/common-schemas.ts';

/** A compact, stream-safe key of an occurrence's due time: 2026-01-10T08:00:00.000Z → 20260110T080000000Z. */
export const occurrenceKey = (occurrence: string): string => new Date(occurrence).toISOString().replace(/[-:.]/g, '');

/** One stream per occurrence of a broadcast: who gets it, who was claimed, sent and failed. */
export const broadcastDeliveryStreamId = (broadcastId: string, occurrence: string): string =>
  `broadcast-delivery-${broadcastId}-${occurrenceKey(occurrence)}`;

/** At most this many chat ids per BroadcastRecipientsListed event. */
export const RECIPIENTS_PER_CHUNK = 1000;

const ChatIdsSchema = (max: number) => v.pipe(v.array(TelegramChatIdSchema), v.minLength(1), v.maxLength(max));

/** The recipients frozen at the start, in chunks `chunk` of `chunks` (all appended together). */
export const BroadcastRecipientsListedSchema = v.object({
  type: v.literal('BroadcastRecipientsListed'),
  data: v.object({
    broadcastId: IdSchema,
    occurrence: TimestampSchema,
    chunk: v.pipe(v.number(), v.integer(), v.minValue(0)),
    chunks: v.pipe(v.number(), v.integer(), v.minValue(1)),
    chatIds: v.pipe(v.array(TelegramChatIdSchema), v.maxLength(RECIPIENTS_PER_CHUNK)),
    listedAt: TimestampSchema,
  }),
});

/**
 * These chats are about to be sent: recorded first, so a chat is never sent twice (at most once,
 * even across a crash). `runId` names the sender run (random per run; absent in claims recorded
 * before it existed): two runs never append the same claim, so the second is a revision conflict.
 */
export const BroadcastDeliveryClaimedSchema = v.object({
  type: v.literal('BroadcastDeliveryClaimed'),
  data: v.object({
    broadcastId: IdSchema,
    occurrence: TimestampSchema,
    chatIds: ChatIdsSchema(RECIPIENTS_PER_CHUNK),
    runId: v.optional(IdSchema),
    claimedAt: TimestampSchema,
  }),
});

export const BroadcastSentSchema = v.object({
  type: v.literal('BroadcastSent'),
  data: v.object({
    broadcastId: IdSchema,
    occurrence: TimestampSchema,
    chatId: TelegramChatIdSchema,
    messageId: v.pipe(v.number(), v.integer(), v.minValue(1)),
    sentAt: TimestampSchema,
  }),
});

/**
 * Why a chat did not get it. `blocked` (403: the user blocked the bot), `interrupted` (claimed,
 * then the sender died before it knew the outcome) and the other permanent reasons are never
 * retried within the occurrence.
 */
export const BroadcastFailedSchema = v.object({
  type: v.literal('BroadcastFailed'),
  data: v.object({
    broadcastId: IdSchema,
    occurrence: TimestampSchema,
    chatId: TelegramChatIdSchema,
    reason: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    permanent: v.boolean(),
    failedAt: TimestampSchema,
  }),
});

/**
 * Claimed chats Telegram certainly did not get (401, connection refused, 5xx after retries): no
 * longer claimed, so the next pass sends them — unlike an ambiguous timeout, which may have
 * delivered and stays a failure (at most once).
 */
export const BroadcastDeliveryReleasedSchema = v.object({
  type: v.literal('BroadcastDeliveryReleased'),
  data: v.object({
    broadcastId: IdSchema,
    occurrence: TimestampSchema,
    chatIds: ChatIdsSchema(RECIPIENTS_PER_CHUNK),
    reason: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    /** The run as a whole stopped (outage, shutdown): not counted toward the chats' release limit. Absent in older events (counted). */
    systemic: v.optional(v.literal(true)),
    releasedAt: TimestampSchema,
  }),
});

export const DeliveryEventSchema = v.variant('type', [
  BroadcastRecipientsListedSchema,
  BroadcastDeliveryClaimedSchema,
  BroadcastSentSchema,
  BroadcastFailedSchema,
  BroadcastDeliveryReleasedSchema,
]);

export type DeliveryEvent = v.InferOutput<typeof DeliveryEventSchema>;

export const parseDeliveryEvent = createEventParser(DeliveryEventSchema, 'broadcast delivery');
