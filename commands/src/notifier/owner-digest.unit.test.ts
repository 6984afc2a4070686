import { describe, expect, it, vi } from 'vitest';
import { commandSpec, givenEventId, testClock, type GivenStreams } from '@paygate/testkit';
import { purchaseStreams } from '@paygate/testkit/fixtures';
import { telegramWorld } from '../test-support/telegram-world.ts';
import { createOwnerDigest } from './owner-digest.ts';
import { ownerDigestText } from './owner-digest-text.ts';
import { createOwnerNotifier } from './owner-notifier.ts';

const clock = testClock('2026-01-02T00:00:00.000Z');

/** A door the test opens: nothing here depends on how long anything takes. */
const door = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('owner digest', () => {
  it('N notices for one owner queued beyond the interval: one message naming N, and all N recorded with it', async () => {
    const world = telegramWorld(clock);
    const N = 5;
    const purchases = Array.from({ length: N + 1 }, (_, i) =>
      purchaseStreams({ invoiceId: `inv_${i}`, channelId: 'ch1', subscriberId: String(700 + i), paymentId: String(5000 + i), chatId: world.chatId, ownerId: world.ownerId }),
    );
    const streams: GivenStreams = Object.assign({}, ...purchases);
    const causes = Array.from({ length: N + 1 }, (_, i) => `payment-${5000 + i}`).map((stream) => givenEventId(stream, streams[stream]!.findIndex((event) => event.type === 'PaymentReceived')));
    // The first DM is held up (Telegram is busy); the fake clock moves past the interval meanwhile.
    const firstSend = door();
    let sends = 0;
    const telegram = { ...world.telegram, sendMessage: async (input: Parameters<typeof world.telegram.sendMessage>[0]) => ((sends += 1) === 1 && (await firstSend.opened), world.telegram.sendMessage(input)) };
    let time = 0;
    const { appended } = await commandSpec()
      .given(streams)
      .when(async (ctx) => {
        const notifier = createOwnerNotifier({ eventStore: ctx.eventStore, telegram, clock, digest: { intervalMs: 60_000, now: () => time } });
        const all = causes.map((_, i) => notifier.handle(ctx.recorded('PaymentReceived', `payment-${5000 + i}`)));
        await vi.waitFor(() => expect(notifier.waiting(world.ownerId)).toBe(N));
        time += 60_000;
        firstSend.open();
        await Promise.all(all);
      })
      .thenAppends(Object.fromEntries(causes.map((cause) => [`owner-notification-${cause}`, [{ type: 'OwnerNotified' }]])));
    const dms = world.dms(world.ownerId);
    expect(dms).toHaveLength(2);
    expect(dms[0]).toContain('Payment received');
    expect(dms[1]).toBe(`${N} payments received in "Alpha signals"\nin the last 60 seconds.`);
    const notified = Object.values(appended).map(([event]) => event!.data as { delivery: string; messageId: number });
    expect(notified.every((data) => data.delivery === 'sent')).toBe(true);
    expect(notified.filter((data) => data.messageId === 2)).toHaveLength(N);
  });

  it('notices that keep up go one by one; once digesting, one message per interval until it is quiet again', async () => {
    let time = 0;
    const sent: string[] = [];
    const intervals: number[] = [];
    const digest = createOwnerDigest({
      intervalMs: 1_000,
      now: () => time,
      wait: async (ms) => void intervals.push(ms),
      send: async (_owner, text) => ((sent.push(text), { delivery: 'sent', messageId: sent.length })),
    });
    const notice = (id: string) => ({ id, channelTitle: 'Alpha', kind: 'renewal' as const, text: `renewal ${id}` });
    await digest.deliver('1', notice('a'));
    await digest.deliver('1', notice('b'));
    expect(sent).toEqual(['renewal a', 'renewal b']);
    // Three queue behind a slow send and wait past the interval: one digest; then the next waits its turn alone.
    const slow = door();
    const held = createOwnerDigest({
      intervalMs: 1_000,
      now: () => time,
      wait: async (ms) => void intervals.push(ms),
      send: async (_owner, text) => (sent.length === 2 && (await slow.opened), sent.push(text), { delivery: 'sent', messageId: sent.length }),
    });
    const first = held.deliver('1', notice('c'));
    const queued = ['d', 'e', 'f'].map((id) => held.deliver('1', notice(id)));
    time += 1_000;
    slow.open();
    await Promise.all([first, ...queued]);
    expect(sent.slice(2)).toEqual(['renewal c', '3 renewals in "Alpha"\nin the last second.']);
    expect(await held.deliver('1', notice('g'))).toEqual({ delivery: 'sent', messageId: 5 });
    expect(intervals.at(-1)).toBe(1_000);
    expect(held.waiting('1')).toBe(0);
  });

  it('a failed digest fails each of its notices (for redelivery), and a redelivered notice is counted once', async () => {
    let time = 0;
    const slow = door();
    const texts: string[] = [];
    const digest = createOwnerDigest({
      intervalMs: 1_000,
      now: () => time,
      send: async (_owner, text) => {
        texts.push(text);
        if (texts.length === 1) await slow.opened;
        if (texts.length === 2) throw new Error('Telegram unreachable');
        return { delivery: 'sent', messageId: texts.length };
      },
    });
    const notice = (id: string) => ({ id, channelTitle: 'Alpha', kind: 'renewal' as const, text: id });
    const first = digest.deliver('1', notice('a'));
    const waiting = [digest.deliver('1', notice('b')), digest.deliver('1', notice('b')), digest.deliver('1', notice('c'))];
    expect(digest.waiting('1')).toBe(2);
    time += 1_000;
    slow.open();
    await first;
    expect((await Promise.allSettled(waiting)).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(texts[1]).toMatch(/^2 renewals/);
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
