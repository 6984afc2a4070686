import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { subscriptionDecider } from './subscription-decider.ts';
import { parseSubscriptionEvent } from './subscription-events.ts';
import { active, cmd, END, ev, extended, grant, granted, link2, started, t0 } from './subscription-fixtures.ts';

const given = deciderSpec(subscriptionDecider, { validateEvent: parseSubscriptionEvent });
const refund = (invoiceId: string, refundedAt: string, durationDays = 30) =>
  cmd('RecordRefund', { invoiceId, paymentId: `p_${invoiceId}`, durationDays, refundedAt });
const refunded = (invoiceId: string, refundedAt: string, outcome: Record<string, string>) =>
  ev('SubscriptionRefunded', { invoiceId, paymentId: `p_${invoiceId}`, durationDays: 30, refundedAt, ...outcome } as never);
const MAR2 = '2026-03-02T00:00:00.000Z';
const renewed = [granted('inv2', '2026-01-20T00:00:00.000Z', link2), extended('inv2', END, MAR2, '2026-01-20T00:00:00.000Z')];

describe('subscription: RecordRefund', () => {
  it('the only payment of the period refunded: access ends now, and the subscription with it', () => {
    const at = '2026-01-10T00:00:00.000Z';
    given(active)
      .when(refund('inv1', at))
      .then([
        refunded('inv1', at, { effect: 'revoked', previousEndsAt: END }),
        ev('AccessRevoked', { period: END, revokedAt: at }),
        ev('SubscriptionExpired', { period: END, expiredAt: at }),
      ]);
  });
  it('a period extended by a later payment loses the refunded payment’s days', () => {
    const at = '2026-01-25T00:00:00.000Z';
    given([...active, ...renewed]).when(refund('inv1', at)).then([refunded('inv1', at, { effect: 'shortened', previousEndsAt: MAR2, endsAt: END })]);
  });
  it('the renewal refunded instead: the same days off the end', () => {
    const at = '2026-01-25T00:00:00.000Z';
    given([...active, ...renewed]).when(refund('inv2', at)).then([refunded('inv2', at, { effect: 'shortened', previousEndsAt: MAR2, endsAt: END })]);
  });
  it('both refunded: the second ends access (what remains is in the past)', () => {
    const first = '2026-01-25T00:00:00.000Z';
    const second = '2026-01-26T00:00:00.000Z';
    given([...active, ...renewed, refunded('inv2', first, { effect: 'shortened', previousEndsAt: MAR2, endsAt: END })])
      .when(refund('inv1', second))
      .then([
        refunded('inv1', second, { effect: 'revoked', previousEndsAt: END }),
        ev('AccessRevoked', { period: END, revokedAt: second }),
        ev('SubscriptionExpired', { period: END, expiredAt: second }),
      ]);
  });
  it('a refund is recorded once', () => {
    const at = '2026-01-25T00:00:00.000Z';
    const once = refunded('inv2', at, { effect: 'shortened', previousEndsAt: MAR2, endsAt: END });
    given([...active, ...renewed, once]).when(refund('inv2', '2026-01-26T00:00:00.000Z')).then([]);
  });
  it('access that already ended: recorded, nothing to take', () => {
    const at = '2026-03-01T00:00:00.000Z';
    const over = [ev('AccessRevoked', { period: END, revokedAt: '2026-02-01T00:00:00.000Z' }), ev('SubscriptionExpired', { period: END, expiredAt: '2026-02-01T00:00:00.000Z' })];
    given([...active, ...over]).when(refund('inv1', at)).then([refunded('inv1', at, { effect: 'ended' })]);
  });
  it('a refund before the grant is recorded, and the grant never comes', () => {
    const at = '2026-01-01T00:00:01.000Z';
    const early = refunded('inv1', at, { effect: 'not_granted' });
    given([]).when(refund('inv1', at)).then([early]);
    given([early]).when(grant('inv1', t0)).then([]);
    given([early])
      .when(cmd('RequestInviteLink', { invoiceId: 'inv1', paymentId: 'p_inv1', claimId: 'w/1', requestedAt: t0, leaseSeconds: 60 }))
      .then([]);
  });
  it('a shortened period is what expiry later removes', () => {
    const at = '2026-01-25T00:00:00.000Z';
    const shortened = refunded('inv2', at, { effect: 'shortened', previousEndsAt: MAR2, endsAt: END });
    given([...active, ...renewed, shortened])
      .when(cmd('RevokeAccess', { period: END, revokedAt: '2026-02-01T00:00:00.000Z', graceSeconds: 86_400 }))
      .then([ev('AccessRevoked', { period: END, revokedAt: '2026-02-01T00:00:00.000Z' }), ev('SubscriptionExpired', { period: END, expiredAt: '2026-02-01T00:00:00.000Z' })]);
  });
  it('started fixture sanity: a fresh period refunded on its first day ends now', () => {
    const at = '2026-02-10T00:00:00.000Z';
    const fresh = [granted('inv3', '2026-02-09T00:00:00.000Z', link2), started('inv3', '2026-02-09T00:00:00.000Z', '2026-03-11T00:00:00.000Z')];
    given(fresh)
      .when(refund('inv3', at))
      .then([
        refunded('inv3', at, { effect: 'revoked', previousEndsAt: '2026-03-11T00:00:00.000Z' }),
        ev('AccessRevoked', { period: '2026-03-11T00:00:00.000Z', revokedAt: at }),
        ev('SubscriptionExpired', { period: '2026-03-11T00:00:00.000Z', expiredAt: at }),
      ]);
  });
});
