import { describe, expect, it } from 'vitest';
import { broadcastDeliveryStreamId, PayGateError, type TelegramGateway } from '@paygate/domain';
import { createTelegramClient } from '@paygate/gateways';
import { BOT_TOKEN } from '../test-support/telegram-world.ts';
import { startBroadcastScheduler } from './broadcast-scheduler.ts';
import { broadcastWorld } from './broadcast-test-world.ts';
import { runDueBroadcast } from './run-occurrence.ts';

const due = { channelId: 'ch1', broadcastId: 'b1' };
const memoryLogger = (warnings: string[]) => ({ info: () => undefined, warn: (_object: object, message?: string) => void warnings.push(message ?? '') });

describe('Telegram not taking the messages never burns the broadcast', () => {
  it('a refused token stops the run at once, releases the chats, and the next pass sends them', async () => {
    const w = broadcastWorld(10);
    await w.plan('b1', { kind: 'now' });
    const control = w.world.sandbox.control;
    let delivered = 0;
    // After three subscribers got it, Telegram refuses the bot's token (revoked in @BotFather).
    const revoking: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        const result = await w.world.telegram.sendMessage(input);
        if (input.chatId !== w.world.ownerId && ++delivered === 3) control.faults.fail('sendMessage', { times: 1_000, errorCode: 401, description: 'Unauthorized' });
        return result;
      },
    };
    const warnings: string[] = [];
    const first = await runDueBroadcast(w.runner(revoking, { parallelChunks: 1, logger: memoryLogger(warnings) }), due);
    expect(first).toMatchObject({ sent: 3, failed: 0, complete: false, halted: 'unauthorized' });
    expect(warnings).toContain('broadcast stopped: Telegram did not take the messages; the next pass resumes it');
    const delivery = await w.eventStore.readStream(broadcastDeliveryStreamId('b1', '2026-01-10T12:00:00.000Z'));
    expect(delivery.filter((e) => e.type === 'BroadcastDeliveryReleased').map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'unauthorized' })]);
    control.faults.clear();
    const second = await runDueBroadcast(w.runner(), due);
    expect(second).toMatchObject({ sent: 10, failed: 0, complete: true });
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });

  it('an outage of any length fails no chat: 401 for five passes, then Telegram takes the bot again — each chat sent once', async () => {
    const w = broadcastWorld(10);
    await w.plan('b1', { kind: 'now' });
    w.world.sandbox.control.faults.fail('sendMessage', { times: 100_000, errorCode: 401, description: 'Unauthorized' });
    for (let pass = 0; pass < 5; pass += 1) {
      expect(await runDueBroadcast(w.runner(), due)).toMatchObject({ sent: 0, failed: 0, complete: false, halted: 'unauthorized' });
    }
    w.world.sandbox.control.faults.clear();
    expect(await runDueBroadcast(w.runner(), due)).toMatchObject({ sent: 10, failed: 0, complete: true });
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });

  it('5xx after retries for several chats in a row stops the pass with a warning; nothing is failed', async () => {
    const w = broadcastWorld(9);
    await w.plan('b1', { kind: 'now' });
    w.world.sandbox.control.faults.fail('sendMessage', { times: 10_000, errorCode: 502, description: 'Bad Gateway' });
    const warnings: string[] = [];
    const scheduler = startBroadcastScheduler({ ...w.runner(w.world.telegram, { logger: memoryLogger(warnings) }), due: w.due, intervalMs: 3_600_000 });
    const [run] = await scheduler.runNow();
    expect(run).toMatchObject({ sent: 0, failed: 0, complete: false, halted: 'unavailable:502' });
    expect(warnings).toContain('broadcast pass stopped: Telegram did not take the messages; retried at the next interval');
    w.world.sandbox.control.faults.clear();
    const [resumed] = await scheduler.runNow();
    await scheduler.stop();
    expect(resumed).toMatchObject({ sent: 9, failed: 0, complete: true });
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });

  it('one chat Telegram keeps answering 5xx for is released a few times, then failed: the occurrence completes', async () => {
    const w = broadcastWorld(4);
    await w.plan('b1', { kind: 'now' });
    const sick: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        if (input.chatId === w.subscribers[2]) throw new PayGateError('unavailable', 'Telegram sendMessage failed: Internal Server Error', { errorCode: 500, telegramError: true });
        return w.world.telegram.sendMessage(input);
      },
    };
    const runs = [];
    for (let pass = 0; pass < 5; pass += 1) runs.push(await runDueBroadcast(w.runner(sick), due));
    expect(runs.map((run) => run?.complete)).toEqual([false, false, false, true, undefined]);
    expect(runs[3]).toMatchObject({ sent: 3, failed: 1 });
    const delivery = await w.eventStore.readStream(broadcastDeliveryStreamId('b1', '2026-01-10T12:00:00.000Z'));
    expect(delivery.find((e) => e.type === 'BroadcastFailed')?.data).toMatchObject({ chatId: w.subscribers[2], reason: 'unavailable:500', permanent: false });
  });

  it('a 504 (Telegram may have sent it) is a failure, never released nor sent again', async () => {
    const w = broadcastWorld(3);
    await w.plan('b1', { kind: 'now' });
    const gatewayTimeout: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        if (input.chatId === w.subscribers[1]) w.world.sandbox.control.faults.fail('sendMessage', { times: 1, errorCode: 504, description: 'Gateway Timeout' });
        return w.world.telegram.sendMessage(input);
      },
    };
    expect(await runDueBroadcast(w.runner(gatewayTimeout, { parallelChunks: 1, chunkSize: 1 }), due)).toMatchObject({ sent: 2, failed: 1, complete: true });
    const delivery = await w.eventStore.readStream(broadcastDeliveryStreamId('b1', '2026-01-10T12:00:00.000Z'));
    expect(delivery.filter((e) => e.type === 'BroadcastDeliveryReleased')).toEqual([]);
    expect(delivery.find((e) => e.type === 'BroadcastFailed')?.data).toMatchObject({ chatId: w.subscribers[1], reason: 'unavailable' });
  });

  it('a 200 whose body does not parse (it was delivered) is a failure: the chat gets one copy', async () => {
    const w = broadcastWorld(3);
    await w.plan('b1', { kind: 'now' });
    // The sandbox delivers; a proxy on the way garbles its answer for one chat.
    const garbling = createTelegramClient({
      apiRoot: 'http://telegram.sandbox',
      token: BOT_TOKEN,
      rateLimit: false,
      fetch: async (input, init) => {
        const response = await w.world.sandbox.app.request(input, init);
        const chatId = String((JSON.parse(String(init.body)) as { chat_id?: unknown }).chat_id);
        return chatId === w.subscribers[1] ? new Response('<html>upstream reset</html>', { status: 200 }) : response;
      },
    });
    expect(await runDueBroadcast(w.runner(garbling), due)).toMatchObject({ sent: 2, failed: 1, complete: true });
    expect(await runDueBroadcast(w.runner(), due)).toBeUndefined();
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
    const delivery = await w.eventStore.readStream(broadcastDeliveryStreamId('b1', '2026-01-10T12:00:00.000Z'));
    expect(delivery.filter((e) => e.type === 'BroadcastDeliveryReleased')).toEqual([]);
  });

  it('a timeout (it may have delivered) stays a failure: never sent again', async () => {
    const w = broadcastWorld(3);
    await w.plan('b1', { kind: 'now' });
    const timingOut: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        if (input.chatId === w.subscribers[1]) throw new PayGateError('unavailable', 'Telegram sendMessage failed: timed out after 100 ms', { method: 'sendMessage' });
        return w.world.telegram.sendMessage(input);
      },
    };
    expect(await runDueBroadcast(w.runner(timingOut), due)).toMatchObject({ sent: 2, failed: 1, complete: true });
  });
});
