import { describe, expect, it } from 'vitest';
import type { EventStore, TelegramGateway } from '@paygate/domain';
import { broadcastDeliveryStreamId, PayGateError } from '@paygate/domain';
import { runDueBroadcast } from './run-occurrence.ts';
import { broadcastWorld } from './broadcast-test-world.ts';

describe('the sender when something fails', () => {
  it('a failing chunk stops the others and the run fails only once nothing is still being sent', async () => {
    const w = broadcastWorld(12);
    await w.plan('b1', { kind: 'now' });
    let inFlight = 0;
    // The second chunk's sends (subscribers 3-5) are slow: they are under way when the first chunk fails.
    const slow: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        inFlight += 1;
        try {
          if (w.subscribers.indexOf(input.chatId) >= 3) await new Promise((resolve) => setTimeout(resolve, 50));
          return await w.world.telegram.sendMessage(input);
        } finally {
          inFlight -= 1;
        }
      },
    };
    // The first outcomes' append fails (an event store outage).
    const failing: EventStore = {
      ...w.eventStore,
      append: async (streamId, events, options) => {
        if (events.some((event) => event.type === 'BroadcastSent')) throw new PayGateError('unavailable', 'database down');
        return w.eventStore.append(streamId, events, options);
      },
    };
    const run = runDueBroadcast(w.runner(slow, { eventStore: failing }), { channelId: 'ch1', broadcastId: 'b1' });
    await expect(run).rejects.toThrow('database down');
    expect(inFlight).toBe(0);
    // Nobody claimed more after the failure: only the two chunks in flight were sent.
    expect(w.subscribers.filter((subscriber) => w.received(subscriber).length > 0)).toEqual(w.subscribers.slice(0, 6));
  });

  it('a stop cuts a 429 wait short: the waiting chat is released, not failed, and the next pass sends it', async () => {
    const w = broadcastWorld(3);
    await w.plan('b1', { kind: 'now' });
    // The first 429 hits the owner's progress DM (not retried), the second subscriber 0: an hour's wait.
    w.world.sandbox.control.faults.rateLimit('sendMessage', { times: 2, retryAfter: 3_600 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('SIGTERM')), 100);
    const started = Date.now();
    const run = await runDueBroadcast(w.runner(w.world.telegram, { policy: {} }), { channelId: 'ch1', broadcastId: 'b1' }, abort.signal);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(run).toMatchObject({ sent: 2, failed: 0, complete: false });
    expect(await runDueBroadcast(w.runner(), { channelId: 'ch1', broadcastId: 'b1' })).toMatchObject({ sent: 3, failed: 0, complete: true });
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });

  it('a channel no longer registered: the occurrence completes with every chat failed as channel_gone, logged once', async () => {
    const w = broadcastWorld(4);
    await w.plan('b1', { kind: 'now' });
    const warnings: string[] = [];
    const gone = w.runner(w.world.telegram, { loadChannel: async () => undefined, logger: { info: () => undefined, warn: (_object, message) => void warnings.push(message ?? '') } });
    expect(await runDueBroadcast(gone, { channelId: 'ch1', broadcastId: 'b1' })).toMatchObject({ sent: 0, failed: 4, complete: true });
    expect(await runDueBroadcast(gone, { channelId: 'ch1', broadcastId: 'b1' })).toBeUndefined(); // nothing left to do
    expect((await w.commands.loadBroadcasts('ch1')).broadcasts.get('b1')?.status).toBe('done');
    expect(await w.due.due(w.clock(), 10)).toEqual([]);
    expect(warnings).toEqual(['broadcast occurrence abandoned: its channel is no longer registered']);
    const delivery = await w.eventStore.readStream(broadcastDeliveryStreamId('b1', '2026-01-10T12:00:00.000Z'));
    const failed = delivery.filter((e) => e.type === 'BroadcastFailed').map((e) => e.data as { chatId: string; reason: string; permanent: boolean });
    expect(failed).toEqual(w.subscribers.map((chatId) => expect.objectContaining({ chatId, reason: 'channel_gone', permanent: true })));
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toEqual([]);
  });

  it('a blocked chat that cannot be written down still gets its outcome and the run goes on', async () => {
    const w = broadcastWorld(4);
    await w.plan('b1', { kind: 'now' });
    w.world.sandbox.control.blockBot(Number(w.subscribers[1]));
    const warnings: string[] = [];
    const run = await runDueBroadcast(
      w.runner(w.world.telegram, {
        blockedChats: { blocked: async () => Promise.reject(new PayGateError('unavailable', 'bot database down')) },
        logger: { info: () => undefined, warn: (_object, message) => void warnings.push(message ?? '') },
      }),
      { channelId: 'ch1', broadcastId: 'b1' },
    );
    expect(run).toMatchObject({ sent: 3, failed: 1, blocked: 1, complete: true });
    expect(warnings).toContain('blocked chat not written down');
  });
});
