import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';
import { DeliverySchema, type Delivery } from '../subscription/subscription-events.ts';

/** What an owner is told about. */
export const OWNER_NOTIFICATION_KINDS = ['new_subscriber', 'renewal', 'payment_received', 'payment_underpaid', 'payout_sent', 'payout_held', 'payment_refunded', 'donation_received'] as const;
export type OwnerNotificationKind = (typeof OWNER_NOTIFICATION_KINDS)[number];

/** One stream per causing event: each event tells its owner at most once, however often it is delivered. */
export const ownerNotificationStreamId = (causeEventId: string): string => `owner-notification-${causeEventId}`;

export const OwnerNotifiedSchema = v.object({
  type: v.literal('OwnerNotified'),
  data: v.object({
    ownerId: TelegramUserIdSchema,
    channelId: IdSchema,
    kind: v.picklist(OWNER_NOTIFICATION_KINDS),
    causeEventId: IdSchema,
    delivery: DeliverySchema,
    messageId: v.exactOptional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    notifiedAt: TimestampSchema,
  }),
});

export const OwnerNotificationEventSchema = v.variant('type', [OwnerNotifiedSchema]);
export type OwnerNotified = v.InferOutput<typeof OwnerNotifiedSchema>;
export type OwnerNotificationEvent = v.InferOutput<typeof OwnerNotificationEventSchema>;
export const parseOwnerNotificationEvent = createEventParser(OwnerNotificationEventSchema, 'owner notification');

export type RecordOwnerNotified = DomainCommand<
  'RecordOwnerNotified',
  { ownerId: string; channelId: string; kind: OwnerNotificationKind; causeEventId: string; delivery: Delivery; messageId?: number; notifiedAt: string }
>;

export type OwnerNotificationState = { readonly notified: boolean };

/** Stream `owner-notification-<causeEventId>`: recorded once; a repeat records nothing. */
export const ownerNotificationDecider: Decider<RecordOwnerNotified, OwnerNotificationEvent, OwnerNotificationState> = {
  initialState: { notified: false },
  evolve: (state, event) => (event.type === 'OwnerNotified' ? { notified: true } : state),
  decide: ({ data }, state) => {
    if (state.notified) return [];
    const { messageId, ...rest } = data;
    return [parseWithSchema(OwnerNotifiedSchema, { type: 'OwnerNotified', data: { ...rest, ...(messageId === undefined ? {} : { messageId }) } }, 'OwnerNotified')];
  },
};
