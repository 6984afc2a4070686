import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionEvents } from '@paygate/testkit/fixtures';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { createSubscriptionExpirySource, findSubscription, listSubscriberSubscriptions } from './subscription-queries.ts';
import { subscriptionsProjection } from './subscriptions-projection.ts';

// The subscriptions read model (what the expiry sweep searches and the bot lists) fed live from
// the in-memory store, and its three sweep queries.

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(subscriptionsProjection, 'paygate_proj_subscriptions');
});
afterAll(() => h?.close());

const DAY = 86_400_000;
const ENDS = '2026-01-31T00:00:00.000Z';
const pair = (subscriberId: string) => ({ channelId: 'ch1', subscriberId });
const source = () => createSubscriptionExpirySource(h.db, LIVE);
const remindersDue = (now: string, daysBefore: number, after = 0) =>
  source().dueReminders({ endsAfter: new Date(Date.parse(now) + after * DAY), endsUntil: new Date(Date.parse(now) + daysBefore * DAY), daysBefore, limit: 10 });

describe('subscriptions projection', () => {
  it('a started period, then the member joining', async () => {
    await h.append({ 'subscription-ch1-777': subscriptionEvents('ch1', '777', [{ invoiceId: 'inv_1', at: '2026-01-01T00:00:00.000Z' }]) });
    expect(await findSubscription(h.db, LIVE, 'ch1', '777')).toEqual({
      channelId: 'ch1',
      subscriberId: '777',
      tierId: 'monthly',
      status: 'active',
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: ENDS,
      joinedAt: null,
    });
    await h.append({ 'subscription-ch1-777': [{ type: 'MemberJoined', data: { ...pair('777'), inviteLink: 'https://t.me/+inv_1', joinedAt: '2026-01-01T00:10:00.000Z' } }] });
    expect(await findSubscription(h.db, LIVE, 'ch1', '777')).toMatchObject({ joinedAt: '2026-01-01T00:10:00.000Z' });
  });

  it('due for the 3-day reminder inside its window only, and not again once reminded; then due for the 1-day one', async () => {
    expect(await remindersDue('2026-01-27T23:00:00.000Z', 3)).toEqual([]);
    expect(await remindersDue('2026-01-28T01:00:00.000Z', 3)).toEqual([{ ...pair('777'), endsAt: ENDS }]);
    await h.append({
      'subscription-ch1-777': [{ type: 'ExpiryReminderSent', data: { ...pair('777'), period: ENDS, daysBefore: 3, delivery: 'sent', messageId: 2, sentAt: '2026-01-28T01:00:00.000Z' } }],
    });
    expect(await remindersDue('2026-01-28T01:00:00.000Z', 3)).toEqual([]);
    expect(await remindersDue('2026-01-30T01:00:00.000Z', 1)).toEqual([{ ...pair('777'), endsAt: ENDS }]);
  });

  it('a renewal moves the end: reminded before the new end, not the old one', async () => {
    const renewed = subscriptionEvents('ch1', '888', [
      { invoiceId: 'inv_2', at: '2026-01-01T00:00:00.000Z' },
      { invoiceId: 'inv_3', at: '2026-01-29T00:00:00.000Z' },
    ]);
    await h.append({ 'subscription-ch1-888': renewed });
    expect(await findSubscription(h.db, LIVE, 'ch1', '888')).toMatchObject({ status: 'active', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-03-02T00:00:00.000Z' });
    // Not due before the old end any more, but before the new one.
    expect(await remindersDue('2026-01-29T01:00:00.000Z', 3)).toEqual([]);
    expect(await remindersDue('2026-02-27T01:00:00.000Z', 3)).toEqual([{ ...pair('888'), endsAt: '2026-03-02T00:00:00.000Z' }]);
  });

  it('due for removal after the end; once expired, its notice is pending until sent', async () => {
    const endedBy = new Date('2026-02-01T00:00:00.000Z');
    expect(await source().dueRevocations({ endedBy, limit: 10 })).toEqual([{ ...pair('777'), endsAt: ENDS }]);
    await h.append({
      'subscription-ch1-777': [
        { type: 'AccessRevoked', data: { ...pair('777'), period: ENDS, revokedAt: '2026-02-01T00:00:00.000Z' } },
        { type: 'SubscriptionExpired', data: { ...pair('777'), period: ENDS, expiredAt: '2026-02-01T00:00:00.000Z' } },
      ],
    });
    expect(await source().dueRevocations({ endedBy, limit: 10 })).toEqual([]);
    expect(await findSubscription(h.db, LIVE, 'ch1', '777')).toMatchObject({ status: 'expired' });
    expect(await source().pendingExpiryNotices({ limit: 10 })).toEqual([{ ...pair('777'), endsAt: ENDS }]);
    await h.append({ 'subscription-ch1-777': [{ type: 'ExpiryNoticeSent', data: { ...pair('777'), period: ENDS, delivery: 'blocked', sentAt: '2026-02-01T00:00:01.000Z' } }] });
    expect(await source().pendingExpiryNotices({ limit: 10 })).toEqual([]);
  });

  it('pages in (end, channel, subscriber) order; lists a subscriber’s subscriptions latest end first', async () => {
    await h.append({
      'subscription-ch2-888': subscriptionEvents('ch2', '888', [{ invoiceId: 'inv_4', at: '2026-01-01T00:00:00.000Z' }]),
      'subscription-ch1-999': subscriptionEvents('ch1', '999', [{ invoiceId: 'inv_5', at: '2026-01-01T00:00:00.000Z' }]),
    });
    const endedBy = new Date('2026-03-03T00:00:00.000Z');
    const first = await source().dueRevocations({ endedBy, limit: 2 });
    expect(first).toEqual([
      { channelId: 'ch1', subscriberId: '999', endsAt: ENDS },
      { channelId: 'ch2', subscriberId: '888', endsAt: ENDS },
    ]);
    expect(await source().dueRevocations({ endedBy, limit: 2, after: first[1]! })).toEqual([{ channelId: 'ch1', subscriberId: '888', endsAt: '2026-03-02T00:00:00.000Z' }]);
    expect((await listSubscriberSubscriptions(h.db, LIVE, '888')).map((s) => [s.channelId, s.endsAt])).toEqual([
      ['ch1', '2026-03-02T00:00:00.000Z'],
      ['ch2', ENDS],
    ]);
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});
