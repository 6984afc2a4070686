import * as v from 'valibot';
import { createEventParser } from '../decider/event-schema.ts';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';

/** One stream per (channel, subscriber): whether they take the owner's broadcasts. */
export const broadcastOptOutStreamId = (channelId: string, subscriberId: string): string => `broadcast-optout-${channelId}-${subscriberId}`;

const data = v.object({ channelId: IdSchema, subscriberId: TelegramUserIdSchema, at: TimestampSchema });

export const BroadcastOptedOutSchema = v.object({ type: v.literal('BroadcastOptedOut'), data });
export const BroadcastOptedInSchema = v.object({ type: v.literal('BroadcastOptedIn'), data });

export const OptOutEventSchema = v.variant('type', [BroadcastOptedOutSchema, BroadcastOptedInSchema]);
export type OptOutEvent = v.InferOutput<typeof OptOutEventSchema>;

export const parseOptOutEvent = createEventParser(OptOutEventSchema, 'broadcast opt-out');
