import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeSubscriptionCommand } from '@paygate/commands';
import {
  compareProjectionSchemas,
  createSubscriptionExpirySource,
  findSubscription,
  listSubscriberSubscriptions,
  rebuildProjection,
  subscriptionExpiryQueries,
  subscriptionsProjection,
} from '@paygate/projections';
import { SCHEMA, startLifecycleHarness, type LifecycleHarness } from './test-support/lifecycle-harness.ts';

// The subscriptions read model over a real PostgreSQL event store: rows follow the periods, the
// sweep's queries find exactly the due rows, page without gaps or repeats, and use the index.

let h: LifecycleHarness;
beforeAll(async () => {
  h = await startLifecycleHarness('paygate_subs_rm');
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;
const grace = 86_400;
const grant = (channelId: string, subscriberId: string, invoiceId: string, grantedAt: string, durationDays = 30) =>
  executeSubscriptionCommand(h.eventStore, {
    type: 'GrantAccess',
    data: {
      channelId,
      subscriberId,
      invoiceId,
      paymentId: `p_${invoiceId}`,
      tierId: 'monthly',
      chatId: '-1001',
      durationDays,
      inviteLink: `https://t.me/+${invoiceId}`,
      linkName: `pg1-${invoiceId}`,
      linkExpiresAt: grantedAt,
      grantedAt,
      graceSeconds: grace,
    },
  });

describe('subscriptions read model', () => {
  it('follows a period through extension, reminder, expiry and notice', async () => {
    await grant('rm', '1', 'i1', '2026-01-01T00:00:00.000Z');
    await h.settle();
    expect(await findSubscription(h.db, SCHEMA, 'rm', '1')).toMatchObject({ status: 'active', endsAt: '2026-01-31T00:00:00.000Z', tierId: 'monthly' });

    await grant('rm', '1', 'i2', '2026-01-20T00:00:00.000Z');
    const period = '2026-03-02T00:00:00.000Z';
    const base = { channelId: 'rm', subscriberId: '1' };
    await executeSubscriptionCommand(h.eventStore, { type: 'RecordExpiryReminder', data: { ...base, period, daysBefore: 3, delivery: 'sent', messageId: 1, sentAt: '2026-02-27T00:00:00.000Z' } });
    await h.settle();
    const queries = createSubscriptionExpirySource(h.db, SCHEMA);
    const now = new Date('2026-02-27T01:00:00.000Z');
    // Reminded 3 days before: not due for 3 again, due for 1 once inside its window.
    expect(await queries.dueReminders({ endsAfter: new Date(now.getTime() + DAY), endsUntil: new Date(now.getTime() + 3 * DAY), daysBefore: 3, limit: 10 })).toEqual([]);
    const later = new Date('2026-03-01T01:00:00.000Z');
    expect(await queries.dueReminders({ endsAfter: later, endsUntil: new Date(later.getTime() + DAY), daysBefore: 1, limit: 10 })).toEqual([
      { channelId: 'rm', subscriberId: '1', endsAt: period },
    ]);

    await executeSubscriptionCommand(h.eventStore, { type: 'RevokeAccess', data: { ...base, period, revokedAt: '2026-03-03T00:00:00.000Z', graceSeconds: grace } });
    await h.settle();
    expect(await findSubscription(h.db, SCHEMA, 'rm', '1')).toMatchObject({ status: 'expired', endsAt: period });
    expect(await queries.pendingExpiryNotices({ limit: 10 })).toEqual([{ channelId: 'rm', subscriberId: '1', endsAt: period }]);
    expect(await queries.dueRevocations({ endedBy: new Date('2027-01-01T00:00:00.000Z'), limit: 10 })).toEqual([]);

    await executeSubscriptionCommand(h.eventStore, { type: 'RecordExpiryNotice', data: { ...base, period, delivery: 'blocked', sentAt: '2026-03-03T00:00:01.000Z' } });
    await h.settle();
    expect(await queries.pendingExpiryNotices({ limit: 10 })).toEqual([]);

    // Coming back later starts a fresh period on the same row.
    await grant('rm', '1', 'i3', '2026-04-01T00:00:00.000Z');
    await h.settle();
    expect(await listSubscriberSubscriptions(h.db, SCHEMA, '1')).toMatchObject([{ channelId: 'rm', status: 'active', startsAt: '2026-04-01T00:00:00.000Z' }]);
  });

  it('finds due rows by window, skips reminders a short period cannot have, and pages without gaps or repeats', async () => {
    // 40 subscribers on channel "pg", 1-day periods ending hour by hour from 2026-06-01T01:00.
    for (let i = 0; i < 40; i++) await grant('pg', String(100 + i), `pg_${i}`, new Date(Date.parse('2026-05-31T01:00:00.000Z') + i * 3_600_000).toISOString(), 1);
    await h.settle();
    const source = createSubscriptionExpirySource(h.db, SCHEMA);
    const now = new Date('2026-05-31T12:00:00.000Z');
    // A 1-day period has no 3-day reminder.
    expect(await source.dueReminders({ endsAfter: new Date(now.getTime() + DAY), endsUntil: new Date(now.getTime() + 3 * DAY), daysBefore: 3, limit: 100 })).toEqual([]);
    const seen: string[] = [];
    let after: { channelId: string; subscriberId: string; endsAt: string } | undefined;
    for (;;) {
      const page = await source.dueRevocations({ endedBy: new Date('2026-06-02T00:00:00.000Z'), limit: 7, ...(after ? { after } : {}) });
      seen.push(...page.map((row) => row.subscriberId));
      if (page.length < 7) break;
      after = page.at(-1);
    }
    // Ended by 2026-06-02T00:00 (inclusive): the first test's subscriber "1" (running again,
    // ended 05-01) first, then those ending 06-01T01:00 … 06-02T00:00, in end order.
    expect(seen).toEqual(['1', ...Array.from({ length: 24 }, (_, i) => String(100 + i))]);
  });

  it('rebuilt from event 0 equals the live read model, row for row', async () => {
    await h.settle();
    await rebuildProjection({ db: h.db, eventStore: h.eventStore, projection: subscriptionsProjection, schema: 'rebuilt_subscriptions' });
    expect(await compareProjectionSchemas(h.db, subscriptionsProjection, SCHEMA, 'rebuilt_subscriptions')).toEqual([]);
    const rows = await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.id('rebuilt_subscriptions', 'subscriptions')}`.execute(h.db);
    expect(rows.rows[0]!.n).toBe('41');
  });

  it('answers the sweep queries by range scans of the partial index on 20,000 rows', async () => {
    await sql`INSERT INTO ${sql.id(SCHEMA, 'subscriptions')}
      (channel_id, subscriber_id, tier_id, status, starts_at, ends_at, period_since, reminded_days, notice_pending, last_invoice_id, updated_commit, updated_prepare)
      SELECT 'bulk', g::text, 'monthly', CASE WHEN g % 10 = 0 THEN 'expired' ELSE 'active' END,
        timestamptz '2026-01-01' + g * interval '2 minutes', timestamptz '2026-01-31' + g * interval '2 minutes',
        timestamptz '2026-01-01' + g * interval '2 minutes', 1000000, false, 'i' || g, 0, 0
      FROM generate_series(1, 20000) g`.execute(h.db);
    await sql`ANALYZE ${sql.id(SCHEMA, 'subscriptions')}`.execute(h.db);
    const queries = subscriptionExpiryQueries(h.db, SCHEMA);
    const now = new Date('2026-02-05T00:00:00.000Z');
    const plans = [
      await queries.dueReminders({ endsAfter: new Date(now.getTime() + DAY), endsUntil: new Date(now.getTime() + 3 * DAY), daysBefore: 3, limit: 500 }).explain(),
      await queries.dueRevocations({ endedBy: new Date(now.getTime() - DAY), limit: 500 }).explain(),
      await queries.pendingExpiryNotices({ limit: 500 }).explain(),
    ].map((rows) => rows.map((row) => String(row['QUERY PLAN'])).join('\n'));
    expect(plans[0]).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) subscriptions_running_end_idx/);
    expect(plans[1]).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) subscriptions_running_end_idx/);
    expect(plans[2]).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) subscriptions_notice_idx/);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan/);
  });
});
