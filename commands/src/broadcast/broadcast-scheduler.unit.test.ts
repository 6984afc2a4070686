import { describe, expect, it } from 'vitest';
import { waitFor } from '@paygate/testkit';
import { broadcastDeliveryStreamId, type TelegramGateway } from '@paygate/domain';
import { deterministicId } from '../ids/index.ts';
import { startBroadcastScheduler } from './broadcast-scheduler.ts';
import { broadcastWorld } from './broadcast-test-world.ts';
import { runDueBroadcast } from './run-occurrence.ts';

const daily = { kind: 'daily' as const, time: '09:00', timeZone: 'Europe/Berlin' };

describe('broadcast scheduler', () => {
  it('sends a due broadcast to every subscriber once, with tier and opt-out buttons, and reports to the owner', async () => {
    const w = broadcastWorld(7);
    await w.plan('b1', daily);
    const scheduler = startBroadcastScheduler({ ...w.runner(), due: w.due, intervalMs: 3_600_000, progressEveryMs: 0 });
    await scheduler.runNow();
    expect(w.received(w.subscribers[0]!)).toEqual([]); // 09:00 Berlin is tomorrow
    w.world.sandbox.control.blockBot(Number(w.subscribers[3]));
    w.clock.set('2026-01-11T08:00:00.000Z');
    const [run] = await scheduler.runNow();
    await scheduler.stop();
    expect(run).toMatchObject({ sent: 6, failed: 1, blocked: 1, complete: true });
    for (const [i, subscriber] of w.subscribers.entries()) expect(w.received(subscriber)).toHaveLength(i === 3 ? 0 : 1);
    const message = w.received(w.subscribers[0]!)[0]!;
    expect(message.entities).toEqual([{ type: 'bold', offset: 0, length: 4 }]);
    expect(message.replyMarkup?.inline_keyboard).toEqual([
      [{ text: 'Monthly', url: 'https://t.me/paygate_test_bot?start=ch1' }],
      [{ text: 'Stop messages from this channel', callback_data: 'o:ch1' }],
    ]);
    expect(w.blocked).toEqual([w.subscribers[3]]);
    const delivery = await w.eventStore.readStream(broadcastDeliveryStreamId('b1', '2026-01-11T08:00:00.000Z'));
    const sent = delivery.find((e) => e.type === 'BroadcastSent' && (e.data as { chatId: string }).chatId === w.subscribers[0]);
    const runId = (delivery.find((e) => e.type === 'BroadcastDeliveryClaimed')?.data as { runId: string }).runId;
    expect(sent?.id).toBe(deterministicId('BroadcastSent', 'b1', '2026-01-11T08:00:00.000Z', runId, w.subscribers[0]!));
    expect(delivery.find((e) => e.type === 'BroadcastFailed')?.data).toMatchObject({ chatId: w.subscribers[3], reason: 'blocked', permanent: true });
    const plan = (await w.commands.loadBroadcasts('ch1')).broadcasts.get('b1');
    expect(plan).toMatchObject({ status: 'scheduled', nextAt: '2026-01-12T08:00:00.000Z' });
    expect(plan?.running).toBeUndefined();
    const progress = w.world.dms(w.world.ownerId).at(-1);
    expect(progress).toContain('Broadcast sent');
    expect(progress).toContain('7 / 7 done · 6 sent · 1 failed (1 blocked the bot)');
    expect(w.world.sandbox.control.calls('editMessageText').length).toBeGreaterThan(0);
  });

  it('its own timer runs the passes, with no onRun given (as the runtime starts it)', async () => {
    const w = broadcastWorld(3);
    await w.plan('b1', { kind: 'now' });
    const scheduler = startBroadcastScheduler({ ...w.runner(), due: w.due, intervalMs: 10, progressEveryMs: 0 });
    try {
      await waitFor('the timer sent the broadcast', () => w.subscribers.every((subscriber) => w.received(subscriber).length === 1), { timeoutMs: 10_000 });
    } finally {
      await scheduler.stop();
    }
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });

  it('a 429 waits retry_after and retries the same chat', async () => {
    const w = broadcastWorld(2);
    await w.plan('b1', { kind: 'now' });
    // The first 429 hits the owner's progress DM (a courtesy, not retried), the second a subscriber.
    w.world.sandbox.control.faults.rateLimit('sendMessage', { times: 2, retryAfter: 7 });
    const waits: number[] = [];
    const run = await runDueBroadcast(w.runner(w.world.telegram, { policy: { sleep: async (ms) => void waits.push(ms) } }), { channelId: 'ch1', broadcastId: 'b1' });
    expect(run).toMatchObject({ sent: 2, failed: 0, complete: true });
    expect(waits).toEqual([7_000]);
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });

  it('a photo broadcast goes to the linked public channel without an opt-out button', async () => {
    const w = broadcastWorld(0);
    const control = w.world.sandbox.control;
    const pub = control.createChannel({ ownerId: Number(w.world.ownerId), title: 'Alpha news' });
    control.promoteBot({ chatId: pub.id, rights: { can_post_messages: true } });
    await w.commands.linkPublicChannel({ ...w.owner, publicChatId: String(pub.id), title: 'Alpha news' });
    await w.plan('b1', { kind: 'now' }, { audience: 'public_channel', photo: 'AgACAgPhoto0001' });
    expect(await runDueBroadcast(w.runner(), { channelId: 'ch1', broadcastId: 'b1' })).toMatchObject({ sent: 1, complete: true });
    const [post] = control.botMessages(pub.id);
    expect(post).toMatchObject({ photo: 'AgACAgPhoto0001', text: 'News today' });
    expect(post?.replyMarkup?.inline_keyboard).toEqual([[{ text: 'Monthly', url: 'https://t.me/paygate_test_bot?start=ch1' }]]);
    expect((await w.commands.loadBroadcasts('ch1')).broadcasts.get('b1')?.status).toBe('done');
  });

  it('stopped mid-occurrence and restarted: every recipient gets it exactly once', async () => {
    const w = broadcastWorld(20);
    await w.plan('b1', { kind: 'now' });
    const abort = new AbortController();
    let sends = 0;
    const stopping: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        const result = await w.world.telegram.sendMessage(input);
        if (input.chatId !== w.world.ownerId && ++sends === 5) abort.abort(new Error('SIGTERM'));
        return result;
      },
    };
    const first = await runDueBroadcast(w.runner(stopping), { channelId: 'ch1', broadcastId: 'b1' }, abort.signal);
    expect(first?.complete).toBe(false);
    expect(first!.sent).toBeGreaterThanOrEqual(5);
    expect(first!.sent).toBeLessThan(20);
    expect((await w.commands.loadBroadcasts('ch1')).broadcasts.get('b1')?.running).toBe('2026-01-10T12:00:00.000Z');
    const [resumed] = await w.due.due(w.clock(), 10);
    const second = await runDueBroadcast(w.runner(), resumed!);
    expect(second).toMatchObject({ sent: 20, failed: 0, complete: true });
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });

  it('after a hard crash, chats claimed but unconfirmed are failed as interrupted, never sent twice', async () => {
    const w = broadcastWorld(6);
    await w.plan('b1', { kind: 'now' });
    let crashed = false;
    const dying: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        if (input.chatId !== w.subscribers[4]) return w.world.telegram.sendMessage(input);
        crashed = true;
        return new Promise(() => undefined); // the process dies here: this send never answers
      },
    };
    // The second chunk (subscribers 3, 4, 5) is claimed; 3 and 5 are sent, their outcomes never appended.
    void runDueBroadcast(w.runner(dying, { parallelChunks: 1 }), { channelId: 'ch1', broadcastId: 'b1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(crashed).toBe(true);
    const run = await runDueBroadcast(w.runner(), { channelId: 'ch1', broadcastId: 'b1' });
    expect(run).toMatchObject({ complete: true, sent: 3, failed: 3, blocked: 0 });
    const delivery = await w.eventStore.readStream(broadcastDeliveryStreamId('b1', '2026-01-10T12:00:00.000Z'));
    const interrupted = delivery.filter((e) => (e.data as { reason?: string }).reason === 'interrupted').map((e) => (e.data as { chatId: string }).chatId);
    expect(interrupted).toEqual(w.subscribers.slice(3, 6));
    for (const subscriber of w.subscribers) expect(w.received(subscriber).length).toBeLessThanOrEqual(1);
  });
});
