import * as v from 'valibot';
import { IdSchema, TelegramChatIdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { DurationDaysSchema } from '../channel/tier-price.ts';

/** One stream per subscriber per channel: every purchase, grant, join, reminder and expiry of that pair. */
export const subscriptionStreamId = (channelId: string, subscriberId: string): string => `subscription-${channelId}-${subscriberId}`;

/** An invite link as Telegram returns it (https://t.me/+…); kept whole, it is the key to revoke it. */
export const InviteLinkSchema = v.pipe(v.string(), v.regex(/^https:\/\/\S{1,250}$/, 'must be an https link'));
/** Telegram allows 0-32 characters for an invite link's name. */
export const InviteLinkNameSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(32, 'must be at most 32 characters'));
export const DaysBeforeSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30));
/** A DM either reached the user or the user has blocked the bot (then it is not retried). */
export const DeliverySchema = v.picklist(['sent', 'blocked']);
const MessageIdSchema = v.exactOptional(v.pipe(v.number(), v.integer(), v.minValue(1)));

const pair = { channelId: IdSchema, subscriberId: TelegramUserIdSchema };
const event = <Type extends string, Entries extends v.ObjectEntries>(type: Type, entries: Entries) =>
  v.object({ type: v.literal(type), data: v.object({ ...pair, ...entries }) });

/**
 * The access manager's claim before it asks Telegram for a link: `claimId` names the worker
 * holding it, `attempt` numbers the links made for this invoice. A claim younger than the lease
 * makes other deliveries wait; after a crash the next delivery claims attempt + 1.
 */
export const InviteLinkRequestedSchema = event('InviteLinkRequested', {
  invoiceId: IdSchema,
  paymentId: IdSchema,
  attempt: v.pipe(v.number(), v.integer(), v.minValue(1)),
  claimId: IdSchema,
  linkName: InviteLinkNameSchema,
  requestedAt: TimestampSchema,
});

/** One per paid invoice: the one link PayGate honours for this purchase (join requests through it are approved). */
export const AccessGrantedSchema = event('AccessGranted', {
  invoiceId: IdSchema,
  paymentId: IdSchema,
  tierId: IdSchema,
  chatId: TelegramChatIdSchema,
  inviteLink: InviteLinkSchema,
  linkName: InviteLinkNameSchema,
  linkExpiresAt: TimestampSchema,
  grantedAt: TimestampSchema,
});

export const SubscriptionStartedSchema = event('SubscriptionStarted', {
  invoiceId: IdSchema,
  tierId: IdSchema,
  durationDays: DurationDaysSchema,
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
});

/** A renewal while active or within grace: the new end counts from the previous end, not from the payment. */
export const SubscriptionExtendedSchema = event('SubscriptionExtended', {
  invoiceId: IdSchema,
  tierId: IdSchema,
  durationDays: DurationDaysSchema,
  previousEndsAt: TimestampSchema,
  endsAt: TimestampSchema,
  extendedAt: TimestampSchema,
});

export const InviteLinkSentSchema = event('InviteLinkSent', {
  invoiceId: IdSchema,
  delivery: DeliverySchema,
  messageId: MessageIdSchema,
  sentAt: TimestampSchema,
});

export const JoinRequestApprovedSchema = event('JoinRequestApproved', { inviteLink: InviteLinkSchema, approvedAt: TimestampSchema });

/** not_issued: the link is not one recorded for this user; orphan: a link made for them whose grant was never recorded; not_active: no active period; used: the link was already used. */
export const JoinRequestDeclinedSchema = event('JoinRequestDeclined', {
  inviteLink: InviteLinkSchema,
  reason: v.picklist(['not_issued', 'orphan', 'not_active', 'used']),
  declinedAt: TimestampSchema,
});

export const MemberJoinedSchema = event('MemberJoined', { inviteLink: InviteLinkSchema, joinedAt: TimestampSchema });

/** On the intruder's own stream: they joined through a PayGate link not issued to them; removed, link revoked. */
export const IntruderRemovedSchema = event('IntruderRemoved', { inviteLink: InviteLinkSchema, removedAt: TimestampSchema });

/** `period` is the end of the period it reminds of (an extension starts a new period). */
export const ExpiryReminderSentSchema = event('ExpiryReminderSent', {
  period: TimestampSchema,
  daysBefore: DaysBeforeSchema,
  delivery: DeliverySchema,
  messageId: MessageIdSchema,
  sentAt: TimestampSchema,
});

/** The subscriber was removed (ban, then unban only-if-banned: never a lasting ban). */
export const AccessRevokedSchema = event('AccessRevoked', { period: TimestampSchema, revokedAt: TimestampSchema });

export const SubscriptionExpiredSchema = event('SubscriptionExpired', { period: TimestampSchema, expiredAt: TimestampSchema });

/** The DM telling an expired subscriber how to come back. */
export const ExpiryNoticeSentSchema = event('ExpiryNoticeSent', {
  period: TimestampSchema,
  delivery: DeliverySchema,
  messageId: MessageIdSchema,
  sentAt: TimestampSchema,
});

/**
 * A refund of the payment that bought `invoiceId` (docs/payments.md, "Refunds and chargebacks"):
 * `shortened` takes its days off the current end (previousEndsAt → endsAt); `revoked` means
 * nothing would remain, so AccessRevoked + SubscriptionExpired of previousEndsAt follow in the
 * same append; `ended` found the access over already; `not_granted` came before the grant, which
 * is then never made.
 */
export const SubscriptionRefundedSchema = event('SubscriptionRefunded', {
  invoiceId: IdSchema,
  paymentId: IdSchema,
  durationDays: DurationDaysSchema,
  effect: v.picklist(['shortened', 'revoked', 'ended', 'not_granted']),
  previousEndsAt: v.exactOptional(TimestampSchema),
  endsAt: v.exactOptional(TimestampSchema),
  refundedAt: TimestampSchema,
});

export const SubscriptionEventSchema = v.variant('type', [
  InviteLinkRequestedSchema,
  AccessGrantedSchema,
  SubscriptionStartedSchema,
  SubscriptionExtendedSchema,
  InviteLinkSentSchema,
  JoinRequestApprovedSchema,
  JoinRequestDeclinedSchema,
  MemberJoinedSchema,
  IntruderRemovedSchema,
  ExpiryReminderSentSchema,
  AccessRevokedSchema,
  SubscriptionExpiredSchema,
  ExpiryNoticeSentSchema,
  SubscriptionRefundedSchema,
]);

export type InviteLinkRequested = v.InferOutput<typeof InviteLinkRequestedSchema>;
export type AccessGranted = v.InferOutput<typeof AccessGrantedSchema>;
export type SubscriptionStarted = v.InferOutput<typeof SubscriptionStartedSchema>;
export type SubscriptionExtended = v.InferOutput<typeof SubscriptionExtendedSchema>;
export type InviteLinkSent = v.InferOutput<typeof InviteLinkSentSchema>;
export type JoinRequestApproved = v.InferOutput<typeof JoinRequestApprovedSchema>;
export type JoinRequestDeclined = v.InferOutput<typeof JoinRequestDeclinedSchema>;
export type MemberJoined = v.InferOutput<typeof MemberJoinedSchema>;
export type IntruderRemoved = v.InferOutput<typeof IntruderRemovedSchema>;
export type ExpiryReminderSent = v.InferOutput<typeof ExpiryReminderSentSchema>;
export type AccessRevoked = v.InferOutput<typeof AccessRevokedSchema>;
export type SubscriptionExpired = v.InferOutput<typeof SubscriptionExpiredSchema>;
export type ExpiryNoticeSent = v.InferOutput<typeof ExpiryNoticeSentSchema>;
export type SubscriptionRefunded = v.InferOutput<typeof SubscriptionRefundedSchema>;
export type RefundEffect = SubscriptionRefunded['data']['effect'];
export type SubscriptionEvent = v.InferOutput<typeof SubscriptionEventSchema>;
export type SubscriptionEventType = SubscriptionEvent['type'];
export type JoinDeclineReason = JoinRequestDeclined['data']['reason'];
export type Delivery = v.InferOutput<typeof DeliverySchema>;

export const parseSubscriptionEvent = createEventParser(SubscriptionEventSchema, 'subscription');
