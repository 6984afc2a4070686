import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { commandSpec, createInMemoryEventStore, testClock } from '@paygate/testkit';
import { channelStream, subscriptionEvents, subscriptionStream } from '@paygate/testkit/fixtures';
import { inMemoryExpirySource } from '../test-support/in-memory-expiry-source.ts';
import { telegramWorld, type TelegramWorld } from '../test-support/telegram-world.ts';
import type { ExpirySource } from './expiry-source.ts';
import { createExpirySweeper, type SweepSummary } from './expiry-sweep.ts';

// The expiry sweep on the in-memory store (the read model's queries computed from the streams)
// with the Telegram sandbox: reminders 3 and 1 days before the end, removal at end + 1 day of
// grace, the "how to come back" notice — each once, whatever is repeated.

const ENDS = '2026-01-31T00:00:00.000Z';
const summary = (extra: Partial<SweepSummary>): SweepSummary => ({ reminded: 0, revoked: 0, noticed: 0, skipped: 0, failed: 0, ...extra });

const setup = () => {
  const clock = testClock('2026-01-01T00:00:00.000Z');
  const world = telegramWorld(clock);
  const subscriber = world.newUser('Sam');
  world.sandbox.control.addMember({ chatId: Number(world.chatId), userId: Number(subscriber) });
  const given = {
    ...channelStream({ channelId: 'ch1', chatId: world.chatId, ownerId: world.ownerId }),
    ...subscriptionStream('ch1', subscriber, [{ invoiceId: 'inv_1', at: '2026-01-01T00:00:00.000Z', chatId: world.chatId }]),
  };
  const warnings: string[] = [];
  const sweeper = (eventStore: EventStore, source: ExpirySource = inMemoryExpirySource(eventStore)) =>
    createExpirySweeper({
      eventStore,
      telegram: world.telegram,
      source,
      clock,
      options: { botUsername: 'paygate_test_bot' },
      rateLimit: { sleep: async () => undefined },
      logger: { warn: (_object, message) => void warnings.push(message) },
    });
  const sweepAt = (eventStore: EventStore, iso: string, source?: ExpirySource) => {
    clock.set(iso);
    return sweeper(eventStore, source).sweepExpiries(clock());
  };
  return { clock, world, subscriber, given, sweepAt, warnings, stream: `subscription-ch1-${subscriber}` };
};

const memberStatus = (world: TelegramWorld, userId: string) => world.sandbox.control.member(Number(world.chatId), Number(userId)).status;

describe('expiry sweep', () => {
  it('reminds 3 days, then 1 day before the end, each once', async () => {
    const { world, subscriber, given, sweepAt, stream } = setup();
    const { appended } = await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => {
        expect(await sweepAt(eventStore, '2026-01-27T23:00:00.000Z')).toEqual(summary({})); // 3 days + 1 h before
        expect(await sweepAt(eventStore, '2026-01-28T01:00:00.000Z')).toEqual(summary({ reminded: 1 }));
        expect(await sweepAt(eventStore, '2026-01-28T02:00:00.000Z')).toEqual(summary({}));
        expect(await sweepAt(eventStore, '2026-01-30T01:00:00.000Z')).toEqual(summary({ reminded: 1 }));
        expect(await sweepAt(eventStore, '2026-01-30T02:00:00.000Z')).toEqual(summary({}));
      })
      .thenAppends({ [stream]: [{ type: 'ExpiryReminderSent' }, { type: 'ExpiryReminderSent' }] });
    expect(appended[stream]!.map((event) => event.data)).toEqual([
      { channelId: 'ch1', subscriberId: subscriber, period: ENDS, daysBefore: 3, delivery: 'sent', messageId: 1, sentAt: '2026-01-28T01:00:00.000Z' },
      { channelId: 'ch1', subscriberId: subscriber, period: ENDS, daysBefore: 1, delivery: 'sent', messageId: 2, sentAt: '2026-01-30T01:00:00.000Z' },
    ]);
    expect(world.dms(subscriber)).toHaveLength(2);
    expect(world.dms(subscriber)[0]).toContain('paygate_test_bot?start=ch1');
  });

  it('removes at end + grace without a lasting ban, records the expiry and sends the notice, once', async () => {
    const { world, subscriber, given, sweepAt, stream } = setup();
    await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => {
        expect(await sweepAt(eventStore, '2026-01-31T23:59:59.000Z')).toEqual(summary({})); // still in grace
        expect(memberStatus(world, subscriber)).toBe('member');
        expect(await sweepAt(eventStore, '2026-02-01T00:00:00.000Z')).toEqual(summary({ revoked: 1 }));
        expect(await sweepAt(eventStore, '2026-02-01T01:00:00.000Z')).toEqual(summary({}));
      })
      .thenAppends({
        [stream]: [
          { type: 'AccessRevoked', data: { channelId: 'ch1', subscriberId: subscriber, period: ENDS, revokedAt: '2026-02-01T00:00:00.000Z' } },
          { type: 'SubscriptionExpired', data: { channelId: 'ch1', subscriberId: subscriber, period: ENDS, expiredAt: '2026-02-01T00:00:00.000Z' } },
          { type: 'ExpiryNoticeSent' },
        ],
      });
    expect(memberStatus(world, subscriber)).toBe('left'); // banned, then unbanned: removed, free to come back
    expect(world.sandbox.control.bans(Number(world.chatId))).toEqual([]);
    expect(world.dms(subscriber)).toHaveLength(1);
  });

  it('a renewal moves the end: nothing is removed at the old one', async () => {
    const { world, subscriber, given, sweepAt, stream } = setup();
    const renewed = subscriptionEvents('ch1', subscriber, [
      { invoiceId: 'inv_1', at: '2026-01-01T00:00:00.000Z', chatId: world.chatId },
      { invoiceId: 'inv_2', at: '2026-01-25T00:00:00.000Z', chatId: world.chatId },
    ]);
    await commandSpec()
      .given({ ...given, [stream]: renewed })
      .when(async ({ eventStore }) => expect(await sweepAt(eventStore, '2026-02-01T00:00:00.000Z')).toEqual(summary({})))
      .thenAppendsNothing();
    expect(memberStatus(world, subscriber)).toBe('member');
  });

  it('a lagging read model costs a look, never an action: the stream has the last word', async () => {
    const { world, subscriber, given, sweepAt, stream } = setup();
    const { eventStore } = await commandSpec()
      .given(given)
      .when(() => undefined)
      .thenAppendsNothing();
    const stale = inMemoryExpirySource(eventStore);
    const before = await stale.dueRevocations({ endedBy: new Date('2026-02-01T00:00:00.000Z'), limit: 10 });
    // The subscriber renews; the read model has not seen it yet.
    await eventStore.append(stream, subscriptionEvents('ch1', subscriber, [
      { invoiceId: 'inv_1', at: '2026-01-01T00:00:00.000Z', chatId: world.chatId },
      { invoiceId: 'inv_2', at: '2026-01-25T00:00:00.000Z', chatId: world.chatId },
    ]).slice(2).map((event) => ({ ...event, id: randomUUID() })));
    const lagging: ExpirySource = { ...stale, dueRevocations: async () => before };
    expect(await sweepAt(eventStore, '2026-02-01T00:00:00.000Z', lagging)).toEqual(summary({ skipped: 1 }));
    expect(memberStatus(world, subscriber)).toBe('member');
  });

  it('a notice that fails after the removal stays pending and goes out with a later sweep', async () => {
    const { world, subscriber, given, sweepAt, warnings, stream } = setup();
    // Down for both tries of this sweep: after the removal, and in its pass over pending notices.
    world.sandbox.control.faults.fail('sendMessage', { times: 2, errorCode: 502, description: 'Bad Gateway' });
    await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => {
        expect(await sweepAt(eventStore, '2026-02-01T00:00:00.000Z')).toEqual(summary({ revoked: 1, failed: 1 }));
        expect(warnings).toEqual(['expiry notice failed; a later sweep sends it', 'expiry sweep: noticed step failed']);
        expect(await sweepAt(eventStore, '2026-02-01T00:05:00.000Z')).toEqual(summary({ noticed: 1 }));
      })
      .thenAppends({ [stream]: [{ type: 'AccessRevoked' }, { type: 'SubscriptionExpired' }, { type: 'ExpiryNoticeSent' }] });
    expect(world.dms(subscriber)).toHaveLength(1);
  });

  it('rate limited by Telegram: the sweep stops, says how long to wait, and records nothing it did not do', async () => {
    const { world, given, sweepAt } = setup();
    world.sandbox.control.faults.rateLimit('sendMessage', { times: 1, retryAfter: 30 });
    await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => expect(await sweepAt(eventStore, '2026-01-28T01:00:00.000Z')).toEqual(summary({ rateLimitedForSeconds: 30 })))
      .thenAppendsNothing();
  });

  it('a subscriber who blocked the bot is reminded as blocked, once; reminder days are checked', async () => {
    const { world, subscriber, given, sweepAt, stream } = setup();
    world.sandbox.control.blockBot(Number(subscriber));
    const { appended } = await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => {
        await sweepAt(eventStore, '2026-01-28T01:00:00.000Z');
        await sweepAt(eventStore, '2026-01-28T02:00:00.000Z');
      })
      .thenAppends({ [`telegram-user-${subscriber}`]: [{ type: 'TelegramUserBlockedBot' }], [stream]: [{ type: 'ExpiryReminderSent' }] });
    expect(appended[stream]![0]!.data).toMatchObject({ delivery: 'blocked', daysBefore: 3 });
  });

  it('refuses reminder lead times outside 1..30 days', () => {
    const { world } = setup();
    const eventStore = createInMemoryEventStore();
    const sweeper = (reminderDays: number[]) => () =>
      createExpirySweeper({ eventStore, telegram: world.telegram, source: inMemoryExpirySource(eventStore), clock: testClock(), options: { reminderDays } });
    expect(sweeper([0])).toThrow(expect.objectContaining({ kind: 'validation' }));
    expect(sweeper([31])).toThrow(expect.objectContaining({ kind: 'validation' }));
    expect(sweeper([7, 3, 1])).not.toThrow();
  });
});
