import { describe, expect, it } from 'vitest';
import { deciderSpec, foldEvents } from '../decider/index.ts';
import { linkClaimHeldByOther } from './access-decisions.ts';
import { inviteLinkName } from './invite-link-name.ts';
import { subscriptionDecider } from './subscription-decider.ts';
import { parseSubscriptionEvent } from './subscription-events.ts';
import { active, cmd, END, ev, extended, grant, granted, GRACE, link1, link2, started, t0 } from './subscription-fixtures.ts';

const given = deciderSpec(subscriptionDecider, { validateEvent: parseSubscriptionEvent });
const request = (claimId: string, requestedAt = t0, invoiceId = 'inv1') =>
  cmd('RequestInviteLink', { invoiceId, paymentId: `p_${invoiceId}`, claimId, requestedAt, leaseSeconds: 60 });
const requested = (claimId: string, attempt: number, requestedAt = t0) =>
  ev('InviteLinkRequested', { invoiceId: 'inv1', paymentId: 'p_inv1', attempt, claimId, linkName: `pg${attempt}-inv1`, requestedAt });
const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

describe('subscription: RequestInviteLink (the claim before Telegram is asked)', () => {
  it('claims attempt 1 with a derived link name', () => given([]).when(request('c1')).then([requested('c1', 1)]));
  it('the same claim again changes nothing', () => given([requested('c1', 1)]).when(request('c1')).then([]));
  it('another worker within the lease must wait', () =>
    given([requested('c1', 1)]).when(request('c2', later(t0, 59))).thenThrows('conflict', 'another worker'));
  it('after the lease (a crash) the next delivery claims attempt 2', () =>
    given([requested('c1', 1)]).when(request('c2', later(t0, 60))).then([requested('c2', 2, later(t0, 60))]));
  it('nothing to claim once the invoice is granted', () => given([requested('c1', 1), ...active]).when(request('c2', later(t0, 600))).then([]));
  it('reports how long the lease still holds', () => {
    const state = foldEvents(subscriptionDecider, [requested('c1', 1)]);
    expect(linkClaimHeldByOther(state, 'inv1', 'c2', Date.parse(t0) + 20_000, 60)).toEqual({ retryAfterSeconds: 40 });
    expect(linkClaimHeldByOther(state, 'inv1', 'c1', Date.parse(t0), 60)).toBeNull();
    expect(linkClaimHeldByOther(state, 'inv2', 'c2', Date.parse(t0), 60)).toBeNull();
  });
  it('link names fit Telegram (32 characters)', () => {
    expect(inviteLinkName('inv_0123456789abcdef01234567', 1)).toBe('pg1-inv_0123456789abcdef01234567');
    expect(inviteLinkName('x'.repeat(100), 12)).toHaveLength(32);
  });
});

describe('subscription: GrantAccess', () => {
  it('a first payment grants access and starts a period of durationDays', () => given([]).when(grant('inv1', t0)).then(active));

  it('one grant per invoice: a second payment for the same invoice changes nothing', () =>
    given(active).when(grant('inv1', '2026-01-05T00:00:00.000Z', link2, 30, { paymentId: 'p_other' })).then([]));

  it('a renewal while active extends from the current end, not from today', () =>
    given(active)
      .when(grant('inv2', '2026-01-20T00:00:00.000Z', link2))
      .then([granted('inv2', '2026-01-20T00:00:00.000Z', link2), extended('inv2', END, '2026-03-02T00:00:00.000Z', '2026-01-20T00:00:00.000Z')]));

  it('a renewal within grace still extends from the end', () =>
    given(active)
      .when(grant('inv2', later(END, GRACE - 1), link2))
      .then([granted('inv2', later(END, GRACE - 1), link2), extended('inv2', END, '2026-03-02T00:00:00.000Z', later(END, GRACE - 1))]));

  it('a payment after grace starts a new period from the payment', () => {
    const at = later(END, GRACE);
    given(active).when(grant('inv2', at, link2)).then([granted('inv2', at, link2), started('inv2', at, '2026-03-03T00:00:00.000Z')]);
  });

  it('a payment after expiry starts a new period', () => {
    const expired = [...active, ev('AccessRevoked', { period: END, revokedAt: later(END, GRACE) }), ev('SubscriptionExpired', { period: END, expiredAt: later(END, GRACE) })];
    const at = '2026-01-31T12:00:00.000Z'; // even within what would have been grace: removal already happened
    given(expired).when(grant('inv2', at, link2)).then([granted('inv2', at, link2), started('inv2', at, '2026-03-02T12:00:00.000Z')]);
  });

  it('refuses to record one link for two invoices', () => given(active).when(grant('inv2', t0, link1)).thenThrows('conflict'));
  it('validates the link and its name', () => {
    given([]).when(grant('inv1', t0, 'http://t.me/+x')).thenThrows('validation', 'inviteLink');
    given([]).when(grant('inv1', t0, link1, 30, { linkName: 'x'.repeat(33) })).thenThrows('validation', 'linkName');
  });
});

describe('subscription: RecordInviteLinkSent', () => {
  const sent = cmd('RecordInviteLinkSent', { invoiceId: 'inv1', delivery: 'sent', messageId: 5, sentAt: t0 });
  it('records the DM once', () => {
    given(active).when(sent).then([ev('InviteLinkSent', { invoiceId: 'inv1', delivery: 'sent', messageId: 5, sentAt: t0 })]);
    given([...active, ev('InviteLinkSent', { invoiceId: 'inv1', delivery: 'sent', messageId: 5, sentAt: t0 })]).when(sent).then([]);
  });
  it('a blocked bot is recorded as the outcome, without a message id', () =>
    given(active)
      .when(cmd('RecordInviteLinkSent', { invoiceId: 'inv1', delivery: 'blocked', sentAt: t0 }))
      .then([ev('InviteLinkSent', { invoiceId: 'inv1', delivery: 'blocked', sentAt: t0 })]));
  it('needs a grant', () => given([]).when(sent).thenThrows('not_found'));
});

describe('subscription: join requests', () => {
  const join = (inviteLink: string, requestedAt = '2026-01-01T01:00:00.000Z', linkName?: string) =>
    cmd('DecideJoinRequest', { inviteLink, requestedAt, graceSeconds: GRACE, ...(linkName === undefined ? {} : { linkName }) });
  const approved = ev('JoinRequestApproved', { inviteLink: link1, approvedAt: '2026-01-01T01:00:00.000Z' });
  const declined = (inviteLink: string, reason: 'not_issued' | 'orphan' | 'not_active' | 'used', declinedAt = '2026-01-01T01:00:00.000Z') =>
    ev('JoinRequestDeclined', { inviteLink, reason, declinedAt });

  it('approves the subscriber through the link recorded for them, once', () => {
    given(active).when(join(link1)).then([approved]);
    given([...active, approved]).when(join(link1)).then([]);
  });
  it('declines a link not issued to the requester', () => given(active).when(join(link2)).then([declined(link2, 'not_issued')]));
  it('declines (and marks for revocation) an orphan: a link with a claimed name that was never recorded', () =>
    given([requested('c1', 1), requested('c2', 2, later(t0, 60)), ...active]).when(join(link2, undefined, 'pg1-inv1')).then([declined(link2, 'orphan')]));
  it('declines a recorded link once the period is over', () =>
    given(active).when(join(link1, later(END, GRACE))).then([declined(link1, 'not_active', later(END, GRACE))]));
  it('declines a link already used to join without its request being approved here', () =>
    given([...active, ev('MemberJoined', { inviteLink: link1, joinedAt: t0 })]).when(join(link1)).then([declined(link1, 'used')]));
  it('a copy of a request that was approved and used records nothing (the subscriber is in)', () =>
    given([...active, approved, ev('MemberJoined', { inviteLink: link1, joinedAt: t0 })]).when(join(link1)).then([]));
  it('records a decline once', () => given([...active, declined(link2, 'not_issued')]).when(join(link2)).then([]));
});

describe('subscription: joins and intruders', () => {
  const joined = (inviteLink: string | undefined, createdByBot = true, joinedAt = '2026-01-01T02:00:00.000Z') =>
    cmd('RecordMemberJoined', { createdByBot, joinedAt, graceSeconds: GRACE, ...(inviteLink === undefined ? {} : { inviteLink }) });
  const memberJoined = ev('MemberJoined', { inviteLink: link1, joinedAt: '2026-01-01T02:00:00.000Z' });
  it('records a join through their own link once', () => {
    given(active).when(joined(link1)).then([memberJoined]);
    given([...active, memberJoined]).when(joined(link1)).then([]);
  });
  it('a join without a link after an approval is through the approved link', () =>
    given([...active, ev('JoinRequestApproved', { inviteLink: link1, approvedAt: t0 })]).when(joined(undefined)).then([memberJoined]));
  it('a join through a bot link not issued to them is not a membership (the handler removes them)', () => {
    given(active).when(joined(link2)).then([]);
    given([]).when(joined(link2)).then([]);
  });
  it('records an intruder removal once per link', () => {
    const removed = cmd('RecordIntruderRemoved', { inviteLink: link2, removedAt: t0 });
    given([]).when(removed).then([ev('IntruderRemoved', { inviteLink: link2, removedAt: t0 })]);
    given([ev('IntruderRemoved', { inviteLink: link2, removedAt: t0 })]).when(removed).then([]);
  });
});
