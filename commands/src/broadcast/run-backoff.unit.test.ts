import { describe, expect, it } from 'vitest';
import { PayGateError, type TelegramGateway } from '@paygate/domain';
import { broadcastWorld } from './broadcast-test-world.ts';
import { runDueBroadcast } from './run-occurrence.ts';

describe('a 429 during a broadcast', () => {
  it('holds every worker of the run until retry_after has passed, then the run sends the rest', async () => {
    const w = broadcastWorld(12);
    await w.plan('b1', { kind: 'now' });
    const order: string[] = [];
    let limited = false;
    // Subscriber 0's first send gets a 429 (retry_after 30); the others would be accepted.
    const telegram: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        if (input.chatId === w.subscribers[0] && !limited) {
          limited = true;
          throw new PayGateError('rate_limited', 'Telegram sendMessage failed: Too Many Requests: retry after 30', { errorCode: 429, retryAfterSeconds: 30 });
        }
        if (input.chatId !== w.world.ownerId) order.push(input.chatId);
        return w.world.telegram.sendMessage(input);
      },
    };
    // The retry_after wait lasts until the test lets it end.
    const sleeps: number[] = [];
    let endWait = () => {};
    const waiting = new Promise<void>((resolve) => (endWait = resolve));
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      await waiting;
    };
    const run = runDueBroadcast(w.runner(telegram, { policy: { sleep }, chunkSize: 3, parallelChunks: 2 }), { channelId: 'ch1', broadcastId: 'b1' });
    await expect.poll(() => sleeps).toEqual([30_000]);
    // Time for the other worker to claim and send its next chunk, were it not held.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const beforeRetryAfter = [...order];
    order.push('retry_after passed');
    endWait();
    expect(await run).toMatchObject({ sent: 12, failed: 0, complete: true });
    // Only the chats already in flight with subscriber 0 (its chunk and the other worker's) went out during the wait.
    expect(beforeRetryAfter.every((chatId) => w.subscribers.indexOf(chatId) < 6)).toBe(true);
    expect(order.indexOf('retry_after passed')).toBeLessThan(order.indexOf(w.subscribers[6]!));
    expect(order.indexOf('retry_after passed')).toBeLessThan(order.indexOf(w.subscribers[0]!));
    for (const subscriber of w.subscribers) expect(w.received(subscriber)).toHaveLength(1);
  });
});
