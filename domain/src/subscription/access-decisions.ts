import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { inviteLinkName } from './invite-link-name.ts';
import type {
  DecideJoinRequest,
  GrantAccess,
  RecordIntruderRemoved,
  RecordInviteLinkSent,
  RecordMemberJoined,
  RequestInviteLink,
} from './subscription-commands.ts';
import { SubscriptionEventSchema, type JoinDeclineReason, type SubscriptionEvent } from './subscription-events.ts';
import type { SubscriptionState } from './subscription-state.ts';
import { addDays, graceEnd, toMs } from './subscription-time.ts';

export const toSubscriptionEvent = (type: SubscriptionEvent['type'], data: Record<string, unknown>): SubscriptionEvent =>
  parseWithSchema(SubscriptionEventSchema, { type, data }, type);

/** Whether the period is running (not expired, before its end plus grace) at `nowMs`. */
export const periodActive = (state: SubscriptionState, nowMs: number, graceSeconds: number): boolean =>
  state.period !== null && !state.period.expired && nowMs < graceEnd(state.period.endsAt, graceSeconds);

/** Another worker's claim on the invoice's link that is still within its lease; null when free. */
export const linkClaimHeldByOther = (
  state: SubscriptionState,
  invoiceId: string,
  claimId: string,
  nowMs: number,
  leaseSeconds: number,
): { retryAfterSeconds: number } | null => {
  const request = state.linkRequests.get(invoiceId);
  if (!request || request.claimId === claimId) return null;
  const leaseEnd = toMs(request.requestedAt) + leaseSeconds * 1000;
  return nowMs < leaseEnd ? { retryAfterSeconds: Math.ceil((leaseEnd - nowMs) / 1000) } : null;
};

export const requestInviteLink = ({ data }: RequestInviteLink, state: SubscriptionState): SubscriptionEvent[] => {
  const { channelId, subscriberId, invoiceId, paymentId, claimId, requestedAt, leaseSeconds } = data;
  if (state.grants.has(invoiceId) || state.refundedInvoices.has(invoiceId)) return [];
  const request = state.linkRequests.get(invoiceId);
  if (request?.claimId === claimId) return [];
  const held = linkClaimHeldByOther(state, invoiceId, claimId, toMs(requestedAt), leaseSeconds);
  if (held) throw new PayGateError('conflict', `the link for invoice ${invoiceId} is being created by another worker`, { invoiceId, ...held });
  const attempt = (request?.attempt ?? 0) + 1;
  const linkName = inviteLinkName(invoiceId, attempt);
  return [toSubscriptionEvent('InviteLinkRequested', { channelId, subscriberId, invoiceId, paymentId, attempt, claimId, linkName, requestedAt })];
};

/**
 * One grant per invoice, whatever arrives twice. A payment while the period runs (or within
 * grace) extends it from its current end; otherwise a new period starts at the payment.
 */
export const grantAccess = ({ data }: GrantAccess, state: SubscriptionState): SubscriptionEvent[] => {
  const { channelId, subscriberId, invoiceId, paymentId, tierId, chatId, durationDays, inviteLink, linkName, linkExpiresAt, grantedAt, graceSeconds } =
    data;
  // A refund that came before the grant: the purchase is undone, there is nothing to grant.
  if (state.grants.has(invoiceId) || state.refundedInvoices.has(invoiceId)) return [];
  if (state.issuedLinks.has(inviteLink)) throw new PayGateError('conflict', 'this invite link is already recorded for another invoice', { invoiceId });
  const granted = toSubscriptionEvent('AccessGranted', { channelId, subscriberId, invoiceId, paymentId, tierId, chatId, inviteLink, linkName, linkExpiresAt, grantedAt });
  const period = state.period;
  if (period && periodActive(state, toMs(grantedAt), graceSeconds)) {
    const endsAt = addDays(period.endsAt, durationDays);
    const extended = { channelId, subscriberId, invoiceId, tierId, durationDays, previousEndsAt: period.endsAt, endsAt, extendedAt: grantedAt };
    return [granted, toSubscriptionEvent('SubscriptionExtended', extended)];
  }
  const startsAt = new Date(toMs(grantedAt)).toISOString();
  const started = { channelId, subscriberId, invoiceId, tierId, durationDays, startsAt, endsAt: addDays(startsAt, durationDays) };
  return [granted, toSubscriptionEvent('SubscriptionStarted', started)];
};

export const recordInviteLinkSent = ({ data }: RecordInviteLinkSent, state: SubscriptionState): SubscriptionEvent[] => {
  const grant = state.grants.get(data.invoiceId);
  if (!grant) throw new PayGateError('not_found', `no access was granted for invoice ${data.invoiceId}`, { invoiceId: data.invoiceId });
  if (grant.sent !== null) return [];
  const { messageId, ...rest } = data;
  return [toSubscriptionEvent('InviteLinkSent', { ...rest, ...(messageId === undefined ? {} : { messageId }) })];
};

export type JoinVerdict =
  | { action: 'approve' }
  /** The request was approved and the subscriber is in: a copy of it needs nothing more. */
  | { action: 'already_joined' }
  | { action: 'decline'; reason: JoinDeclineReason; revokeLink: boolean };

/**
 * Who gets in: only the subscriber a link was recorded for, once, while their period runs. A
 * link with one of their claimed names that was never recorded is an orphan of a crash: refused
 * and revoked. Anyone else's link is refused but left alone (its owner may still use it).
 */
export const joinRequestVerdict = (
  state: SubscriptionState,
  input: { inviteLink: string; linkName?: string; nowMs: number; graceSeconds: number },
): JoinVerdict => {
  if (state.issuedLinks.has(input.inviteLink)) {
    if (state.usedLinks.has(input.inviteLink)) {
      return state.approvedLinks.has(input.inviteLink) ? { action: 'already_joined' } : { action: 'decline', reason: 'used', revokeLink: true };
    }
    return periodActive(state, input.nowMs, input.graceSeconds) ? { action: 'approve' } : { action: 'decline', reason: 'not_active', revokeLink: true };
  }
  if (input.linkName !== undefined && state.claimedLinkNames.has(input.linkName)) return { action: 'decline', reason: 'orphan', revokeLink: true };
  return { action: 'decline', reason: 'not_issued', revokeLink: false };
};

export const decideJoinRequest = ({ data }: DecideJoinRequest, state: SubscriptionState): SubscriptionEvent[] => {
  const { channelId, subscriberId, inviteLink, linkName, requestedAt, graceSeconds } = data;
  const verdict = joinRequestVerdict(state, { inviteLink, ...(linkName === undefined ? {} : { linkName }), nowMs: toMs(requestedAt), graceSeconds });
  if (verdict.action === 'already_joined') return [];
  if (verdict.action === 'approve') {
    return state.approvedLinks.has(inviteLink) ? [] : [toSubscriptionEvent('JoinRequestApproved', { channelId, subscriberId, inviteLink, approvedAt: requestedAt })];
  }
  if (state.declinedLinks.has(inviteLink)) return [];
  return [toSubscriptionEvent('JoinRequestDeclined', { channelId, subscriberId, inviteLink, reason: verdict.reason, declinedAt: requestedAt })];
};

export type JoinClassification = { kind: 'member'; inviteLink: string } | { kind: 'intruder'; inviteLink: string } | { kind: 'ignore' };

/**
 * A join PayGate did not let through its rules (an admin approved it by hand, or a link leaked
 * before join requests were on) is an intrusion when it used a link the bot made. Joins through
 * the owner's own links are the owner's business.
 */
export const classifyJoin = (
  state: SubscriptionState,
  input: { inviteLink?: string; createdByBot: boolean; nowMs: number; graceSeconds: number },
): JoinClassification => {
  const link = input.inviteLink ?? [...state.approvedLinks].find((approved) => !state.usedLinks.has(approved));
  if (link === undefined) return { kind: 'ignore' };
  if (state.issuedLinks.has(link) && periodActive(state, input.nowMs, input.graceSeconds)) return { kind: 'member', inviteLink: link };
  if (state.issuedLinks.has(link) || input.createdByBot) return { kind: 'intruder', inviteLink: link };
  return { kind: 'ignore' };
};

export const recordMemberJoined = ({ data }: RecordMemberJoined, state: SubscriptionState): SubscriptionEvent[] => {
  const { channelId, subscriberId, inviteLink, createdByBot, joinedAt, graceSeconds } = data;
  const joined = classifyJoin(state, { ...(inviteLink === undefined ? {} : { inviteLink }), createdByBot, nowMs: toMs(joinedAt), graceSeconds });
  if (joined.kind !== 'member' || state.usedLinks.has(joined.inviteLink)) return [];
  return [toSubscriptionEvent('MemberJoined', { channelId, subscriberId, inviteLink: joined.inviteLink, joinedAt })];
};

export const recordIntruderRemoved = ({ data }: RecordIntruderRemoved, state: SubscriptionState): SubscriptionEvent[] =>
  state.intrusions.has(data.inviteLink) ? [] : [toSubscriptionEvent('IntruderRemoved', data)];
