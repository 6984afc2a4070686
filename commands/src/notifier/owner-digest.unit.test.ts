import { describe, expect, it, vi } from 'vitest';
import { commandSpec, givenEventId, testClock, type GivenStreams } from '@paygate/testkit';
import { purchaseStreams } from '@paygate/testkit/fixtures';
import { telegramWorld } from '../test-support/telegram-world.ts';
import { createOwnerDigest } from './owner-digest.ts';
import { ownerDigestText } from './owner-digest-text.ts';
import { createOwnerNotifier } from './owner-notifier.ts';

const clock = testClock('2026-01-02T00:00:00.000Z');

/** The digest's interval timer, opened by the test: nothing here depends on how long anything takes. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { wait: (ms: number) => (ms === 0 ? Promise.resolve() : opened), open };
};

describe('owner digest', () => {
  it('N notices for one owner within the interval: one message naming N, and all N recorded with it', async () => {
    const world = telegramWorld(clock);
    const N = 5;
    const purchases = Array.from({ length: N + 1 }, (_, i) =>
      purchaseStreams({ invoiceId: `inv_${i}`, channelId: 'ch1', subscriberId: String(700 + i), paymentId: String(5000 + i), chatId: world.chatId, ownerId: world.ownerId }),
    );
    const streams: GivenStreams = Object.assign({}, ...purchases);
    const causes = Array.from({ length: N + 1 }, (_, i) => `payment-${5000 + i}`).map((stream) => givenEventId(stream, streams[stream]!.findIndex((event) => event.type === 'PaymentReceived')));
    const timer = gate();
    const { appended } = await commandSpec()
      .given(streams)
      .when(async (ctx) => {
        const notifier = createOwnerNotifier({ eventStore: ctx.eventStore, telegram: world.telegram, clock, digest: { intervalMs: 60_000, wait: timer.wait } });
        const received = (i: number) => ctx.recorded('PaymentReceived', `payment-${5000 + i}`);
        // An owner not written to lately hears at once.
        await notifier.handle(received(0));
        // The next N arrive within the interval: they wait for it together.
        const rest = Array.from({ length: N }, (_, i) => notifier.handle(received(i + 1)));
        await vi.waitFor(() => expect(notifier.waiting(world.ownerId)).toBe(N));
        timer.open();
        await Promise.all(rest);
      })
      .thenAppends(Object.fromEntries(causes.map((cause) => [`owner-notification-${cause}`, [{ type: 'OwnerNotified' }]])));
    const dms = world.dms(world.ownerId);
    expect(dms).toHaveLength(2);
    expect(dms[1]).toMatch(new RegExp(`^${N} payments received in "Alpha signals"`));
    const notified = Object.entries(appended)
      .filter(([stream]) => stream.startsWith('owner-notification-'))
      .map(([, [event]]) => event!.data as { delivery: string; messageId: number });
    expect(notified).toHaveLength(N + 1);
    expect(notified.every((data) => data.delivery === 'sent')).toBe(true);
    expect(notified.filter((data) => data.messageId === notified[1]!.messageId)).toHaveLength(N);
  });

  it('a failed digest fails each of its notices (for redelivery), and a redelivered notice is counted once', async () => {
    const timer = gate();
    let calls = 0;
    const digest = createOwnerDigest({
      intervalMs: 1_000,
      wait: timer.wait,
      send: async () => {
        calls += 1;
        if (calls === 2) throw new Error('Telegram unreachable');
        return { delivery: 'sent', messageId: calls };
      },
    });
    const notice = (id: string) => ({ id, channelTitle: 'Alpha', kind: 'renewal' as const, text: id });
    await digest.deliver('1', notice('a'));
    const waiting = [digest.deliver('1', notice('b')), digest.deliver('1', notice('b')), digest.deliver('1', notice('c'))];
    expect(digest.waiting('1')).toBe(2);
    timer.open();
    const outcomes = await Promise.allSettled(waiting);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await digest.deliver('1', notice('b'))).toEqual({ delivery: 'sent', messageId: 3 });
  });

  it('counts per channel and kind', () => {
    const text = ownerDigestText(
      [
        { channelTitle: 'Alpha signals', kind: 'new_subscriber' },
        { channelTitle: 'Alpha signals', kind: 'renewal' },
        { channelTitle: 'Alpha signals', kind: 'new_subscriber' },
        { channelTitle: 'Beta', kind: 'payment_underpaid' },
        { channelTitle: 'Alpha signals', kind: 'new_subscriber' },
        { channelTitle: 'Alpha signals', kind: 'renewal' },
      ],
      60,
    );
    expect(text).toBe('3 new subscribers, 2 renewals in "Alpha signals"\n1 underpaid payment in "Beta"\nin the last 60 seconds.');
  });
});
