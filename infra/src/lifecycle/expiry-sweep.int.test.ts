import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessCommands, createAccessManager, createExpirySweeper, type AccessCommands, type ExpirySweeper, type ProcessManager } from '@paygate/commands';
import { subscriptionStreamId } from '@paygate/domain';
import { createSubscriptionExpirySource } from '@paygate/projections';
import { createPurchases } from './test-support/purchases.ts';
import { SCHEMA, startLifecycleHarness, typesOf, type LifecycleHarness } from './test-support/lifecycle-harness.ts';
import { drainUpdates, startTelegramWorld, type TelegramWorld } from './test-support/telegram-world.ts';

// The expiry sweep over a real PostgreSQL event store, the subscriptions read model and the
// Telegram simulator: reminders at 3 and 1 days, removal at end + grace, the come-back DM,
// each once per period through repeats, read-model lag, restarts, faults and rate limits.

let h: LifecycleHarness;
let tg: TelegramWorld;
let manager: ProcessManager;
let access: AccessCommands;
let purchases: ReturnType<typeof createPurchases>;
const CHANNEL = 'ch_expiry';
const END = '2026-01-31T00:00:00.000Z';
const users: Record<'ann' | 'bob' | 'cat' | 'dan', number> = { ann: 0, bob: 0, cat: 0, dan: 0 };

const newSweeper = (): ExpirySweeper =>
  createExpirySweeper({
    eventStore: h.eventStore,
    telegram: tg.client,
    source: createSubscriptionExpirySource(h.db, SCHEMA),
    clock: h.clock,
    options: { botUsername: 'paygate_test_bot', pageSize: 2, concurrency: 2 },
  });
const sweepAt = async (iso: string, sweeper = newSweeper()) => {
  h.clock.set(iso);
  await h.settle();
  return sweeper.sweepExpiries(h.clock());
};
const streamOf = (user: number) => h.stream(subscriptionStreamId(CHANNEL, String(user)));

beforeAll(async () => {
  h = await startLifecycleHarness('paygate_expiry');
  tg = await startTelegramWorld({ clock: h.clock, channels: h.channels, channelId: CHANNEL });
  purchases = createPurchases(h.eventStore, h.clock);
  const deps = { eventStore: h.eventStore, telegram: tg.client, clock: h.clock };
  manager = createAccessManager(deps);
  access = createAccessCommands(deps);
  let payment = 9_800_000;
  for (const name of Object.keys(users) as (keyof typeof users)[]) {
    const userId = tg.newUser(name);
    users[name] = userId;
    payment += 1;
    await manager.handle(await purchases.pay({ invoiceId: `inv_exp_${name}`, channelId: CHANNEL, subscriberId: String(userId), paymentId: String(payment) }));
    const link = tg.sandbox.control.inviteLinks(tg.chatId).find((l) => l.name === `pg1-inv_exp_${name}`)!;
    tg.sandbox.control.joinViaLink({ userId, inviteLink: link.inviteLink });
  }
  await drainUpdates(access, tg);
});
afterAll(async () => {
  await tg?.close();
  await h?.close();
});

describe('expiry sweep', () => {
  it('nothing is due mid-period', async () => {
    expect(await sweepAt('2026-01-15T00:00:00.000Z')).toEqual({ reminded: 0, revoked: 0, noticed: 0, skipped: 0, failed: 0 });
    for (const userId of Object.values(users)) expect(tg.sandbox.control.member(tg.chatId, userId).status).toBe('member');
  });

  it('reminds 3 days before, once, even when the read model has not caught up', async () => {
    const source = createSubscriptionExpirySource(h.db, SCHEMA);
    h.clock.set('2026-01-28T00:00:00.000Z');
    await h.settle();
    const dueThen = await source.dueReminders({ endsAfter: new Date('2026-01-29T00:00:00.000Z'), endsUntil: new Date('2026-01-31T00:00:00.000Z'), daysBefore: 3, limit: 10 });
    expect(dueThen).toHaveLength(4);
    const summary = await newSweeper().sweepExpiries(h.clock());
    expect(summary).toMatchObject({ reminded: 4, failed: 0 });
    for (const userId of Object.values(users)) {
      expect(tg.dms(userId).at(-1)).toContain('ends in 3 days, on 2026-01-31 00:00 UTC');
      expect(tg.dms(userId).at(-1)).toContain(`https://t.me/paygate_test_bot?start=${CHANNEL}`);
    }
    // A read model that has not caught up offers the same rows again: each is re-checked against its stream.
    const stale = createExpirySweeper({
      eventStore: h.eventStore,
      telegram: tg.client,
      source: { dueReminders: async ({ daysBefore }) => (daysBefore === 3 ? dueThen : []), dueRevocations: async () => [], pendingExpiryNotices: async () => [] },
      clock: h.clock,
    });
    expect(await stale.sweepExpiries(h.clock())).toMatchObject({ reminded: 0, skipped: 4 });
    // Once it has: not even looked at.
    expect(await sweepAt('2026-01-28T06:00:00.000Z')).toEqual({ reminded: 0, revoked: 0, noticed: 0, skipped: 0, failed: 0 });
    for (const userId of Object.values(users)) expect(tg.dms(userId)).toHaveLength(2); // invite link + one reminder
  });

  it('a rate-limited sweep stops early and the next one finishes, each reminder once', async () => {
    tg.sandbox.control.faults.rateLimit('sendMessage', { retryAfter: 30 });
    const limited = await sweepAt('2026-01-30T00:00:00.000Z');
    expect(limited.rateLimitedForSeconds).toBe(30);
    expect(limited.reminded).toBeLessThan(4);
    const rest = await sweepAt('2026-01-30T00:01:00.000Z');
    expect(limited.reminded + rest.reminded).toBe(4);
    for (const userId of Object.values(users)) {
      expect(tg.dms(userId)).toHaveLength(3);
      expect(tg.dms(userId).at(-1)).toContain('ends in 1 day');
      expect(typesOf(await streamOf(userId)).filter((type) => type === 'ExpiryReminderSent')).toHaveLength(2);
    }
  });

  it('a renewal before the end moves the period: no removal of it, and its own reminders later', async () => {
    h.clock.set('2026-01-30T12:00:00.000Z');
    await manager.handle(await purchases.pay({ invoiceId: 'inv_exp_dan_2', channelId: CHANNEL, subscriberId: String(users.dan), paymentId: '9800100' }));
    const stream = await streamOf(users.dan);
    expect(stream.find((e) => e.type === 'SubscriptionExtended')!.data).toMatchObject({ previousEndsAt: END, endsAt: '2026-03-02T00:00:00.000Z' });
  });

  it('nothing happens during grace', async () => {
    expect(await sweepAt('2026-01-31T23:59:00.000Z')).toMatchObject({ revoked: 0, reminded: 0 });
  });

  it('at end + grace: removed by ban + unban (no lasting ban), expired, told how to come back; a failed notice is sent by the next sweep', async () => {
    tg.sandbox.control.faults.fail('sendMessage', { errorCode: 502, description: 'Bad Gateway' });
    const summary = await sweepAt('2026-02-01T00:00:00.000Z');
    expect(summary).toMatchObject({ revoked: 3, failed: 0 });
    for (const name of ['ann', 'bob', 'cat'] as const) {
      const userId = users[name];
      expect(tg.sandbox.control.member(tg.chatId, userId).status).toBe('left');
      expect(typesOf(await streamOf(userId))).toEqual(expect.arrayContaining(['AccessRevoked', 'SubscriptionExpired']));
    }
    expect(tg.sandbox.control.bans(tg.chatId)).toEqual([]);
    expect(tg.sandbox.control.member(tg.chatId, users.dan).status).toBe('member');
    // One notice hit the 502; the removal stands and the notice is pending in the read model. The
    // same sweep's notice pass may already see it (the projection runs live), else the next one does.
    const next = await sweepAt('2026-02-01T00:05:00.000Z');
    expect(next).toMatchObject({ revoked: 0, failed: 0 });
    expect(summary.noticed + next.noticed).toBe(1);
    expect(tg.sandbox.control.calls('sendMessage').filter((call) => call.errorCode === 502)).toHaveLength(1);
    for (const name of ['ann', 'bob', 'cat'] as const) {
      const stream = await streamOf(users[name]);
      expect(typesOf(stream).filter((type) => ['AccessRevoked', 'SubscriptionExpired', 'ExpiryNoticeSent'].includes(type))).toEqual([
        'AccessRevoked',
        'SubscriptionExpired',
        'ExpiryNoticeSent',
      ]);
      expect(tg.dms(users[name]).filter((text) => text.includes('come back'))).toHaveLength(1);
    }
  });

  it('a restarted sweeper (nothing in memory), again and again, fires nothing twice', async () => {
    const before = await h.eventCount();
    for (const at of ['2026-02-01T01:00:00.000Z', '2026-02-02T00:00:00.000Z', '2026-02-02T00:00:00.000Z']) {
      expect(await sweepAt(at)).toEqual({ reminded: 0, revoked: 0, noticed: 0, skipped: 0, failed: 0 });
    }
    expect(await h.eventCount()).toBe(before);
  });

  it('the renewed period gets its own reminders and removal', async () => {
    expect(await sweepAt('2026-02-27T00:00:00.000Z')).toMatchObject({ reminded: 1 });
    expect(tg.dms(users.dan).at(-1)).toContain('ends in 3 days, on 2026-03-02 00:00 UTC');
    expect(await sweepAt('2026-03-03T00:00:00.000Z')).toMatchObject({ revoked: 1, noticed: 0 });
    expect(tg.sandbox.control.member(tg.chatId, users.dan).status).toBe('left');
    const stream = await streamOf(users.dan);
    expect(stream.filter((e) => e.type === 'SubscriptionExpired').map((e) => (e.data as { period: string }).period)).toEqual(['2026-03-02T00:00:00.000Z']);
  });

  it('an expired subscriber who pays again starts a new period and is let back in', async () => {
    h.clock.set('2026-03-10T00:00:00.000Z');
    await manager.handle(await purchases.pay({ invoiceId: 'inv_exp_ann_2', channelId: CHANNEL, subscriberId: String(users.ann), paymentId: '9800200' }));
    const started = (await streamOf(users.ann)).filter((e) => e.type === 'SubscriptionStarted').at(-1)!;
    expect(started.data).toMatchObject({ startsAt: '2026-03-10T00:00:00.000Z', endsAt: '2026-04-09T00:00:00.000Z' });
    const link = tg.sandbox.control.inviteLinks(tg.chatId).find((l) => l.name === 'pg1-inv_exp_ann_2')!;
    expect(tg.sandbox.control.joinViaLink({ userId: users.ann, inviteLink: link.inviteLink }).outcome).toBe('requested');
    expect(await drainUpdates(access, tg)).toEqual([{ action: 'approve' }, { kind: 'member' }]);
    expect(tg.sandbox.control.member(tg.chatId, users.ann).status).toBe('member');
  });
});
