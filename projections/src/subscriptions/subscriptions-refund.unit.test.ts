import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { foldRows } from '../rows/index.ts';
import { subscriptionsProjection } from './subscriptions-projection.ts';

// A refund in the subscriptions read model: a shortened period moves ends_at (what the expiry
// sweep searches by); a revoked one ends through SubscriptionExpired as at expiry.
let position = 0n;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => {
  position += 1n;
  return { id: `e${position}`, type, data: { channelId: 'ch-1', subscriberId: '7', ...data }, metadata: {}, streamId: 'x', streamRevision: 0n, position: { commit: position, prepare: 0n }, recordedAt: new Date() };
};
const started = event('SubscriptionStarted', { invoiceId: 'inv-1', tierId: 'monthly', durationDays: 30, startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-01-31T00:00:00.000Z' });
const extended = event('SubscriptionExtended', { invoiceId: 'inv-2', tierId: 'monthly', durationDays: 30, previousEndsAt: '2026-01-31T00:00:00.000Z', endsAt: '2026-03-02T00:00:00.000Z', extendedAt: '2026-01-20T00:00:00.000Z' });
const refund = { invoiceId: 'inv-2', paymentId: 'p2', durationDays: 30, refundedAt: '2026-01-25T00:00:00.000Z' };
const rows = (...events: RecordedEvent[]) => foldRows(subscriptionsProjection.rows, events).subscriptions;

describe('subscriptions projection: refunds', () => {
  it('a shortened period ends earlier, reminded afresh', () => {
    const shortened = event('SubscriptionRefunded', { ...refund, effect: 'shortened', previousEndsAt: '2026-03-02T00:00:00.000Z', endsAt: '2026-01-31T00:00:00.000Z' });
    const [row] = rows(started, extended, shortened)!;
    expect(new Date(String(row!.ends_at)).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(row).toMatchObject({ status: 'active', period_since: '2026-01-25T00:00:00.000Z' });
  });

  it('a revoked period is expired by the events after it, with its notice pending', () => {
    const revoked = event('SubscriptionRefunded', { ...refund, invoiceId: 'inv-1', effect: 'revoked', previousEndsAt: '2026-01-31T00:00:00.000Z' });
    const expired = event('SubscriptionExpired', { period: '2026-01-31T00:00:00.000Z', expiredAt: '2026-01-05T00:00:00.000Z' });
    const [row] = rows(started, revoked, expired)!;
    expect(row).toMatchObject({ status: 'expired', notice_pending: true });
    expect(new Date(String(row!.ends_at)).toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});
