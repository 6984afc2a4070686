import type { DomainCommand } from '../decider/decider.ts';
import type { Delivery } from './subscription-events.ts';

type Pair = { channelId: string; subscriberId: string };

/** The access manager claims the creation of the link for a paid invoice (see InviteLinkRequested). */
export type RequestInviteLink = DomainCommand<
  'RequestInviteLink',
  Pair & { invoiceId: string; paymentId: string; claimId: string; requestedAt: string; leaseSeconds: number }
>;

/** Records the link Telegram created for a paid invoice, and the period it pays for. */
export type GrantAccess = DomainCommand<
  'GrantAccess',
  Pair & {
    invoiceId: string;
    paymentId: string;
    tierId: string;
    chatId: string;
    durationDays: number;
    inviteLink: string;
    linkName: string;
    linkExpiresAt: string;
    grantedAt: string;
    graceSeconds: number;
  }
>;

export type RecordInviteLinkSent = DomainCommand<
  'RecordInviteLinkSent',
  Pair & { invoiceId: string; delivery: Delivery; messageId?: number; sentAt: string }
>;

/** A join request through `inviteLink` by the subscriber (the requester is the stream's subscriber). */
export type DecideJoinRequest = DomainCommand<
  'DecideJoinRequest',
  Pair & { inviteLink: string; linkName?: string; requestedAt: string; graceSeconds: number }
>;

/** A chat_member update: the subscriber is now a member, through `inviteLink` when Telegram says which. */
export type RecordMemberJoined = DomainCommand<
  'RecordMemberJoined',
  Pair & { inviteLink?: string; createdByBot: boolean; joinedAt: string; graceSeconds: number }
>;

/** After the intruder was removed and the link revoked. */
export type RecordIntruderRemoved = DomainCommand<'RecordIntruderRemoved', Pair & { inviteLink: string; removedAt: string }>;

export type RecordExpiryReminder = DomainCommand<
  'RecordExpiryReminder',
  Pair & { period: string; daysBefore: number; delivery: Delivery; messageId?: number; sentAt: string }
>;

/** After the ban + unban: records the end of `period`, if it is due (at or after its end plus grace). */
export type RevokeAccess = DomainCommand<'RevokeAccess', Pair & { period: string; revokedAt: string; graceSeconds: number }>;

export type RecordExpiryNotice = DomainCommand<
  'RecordExpiryNotice',
  Pair & { period: string; delivery: Delivery; messageId?: number; sentAt: string }
>;

/**
 * A refund of the payment that bought `invoiceId` (its tier's `durationDays`). For `revoked` the
 * caller has already removed the subscriber (ban + unban), as RevokeAccess expects.
 */
export type RecordRefund = DomainCommand<'RecordRefund', Pair & { invoiceId: string; paymentId: string; durationDays: number; refundedAt: string }>;

export type SubscriptionCommand =
  | RequestInviteLink
  | GrantAccess
  | RecordInviteLinkSent
  | DecideJoinRequest
  | RecordMemberJoined
  | RecordIntruderRemoved
  | RecordExpiryReminder
  | RevokeAccess
  | RecordExpiryNotice
  | RecordRefund;
