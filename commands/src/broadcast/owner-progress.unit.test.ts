import { describe, expect, it } from 'vitest';
import { PayGateError, type TelegramGateway } from '@paygate/domain';
import { broadcastWorld } from './broadcast-test-world.ts';
import { runDueBroadcast } from './run-occurrence.ts';

describe("the owner's progress DM", () => {
  it('does not hold the broadcast back while the owner\'s chat is busy; it shows the final counts once it gets through', async () => {
    const w = broadcastWorld(5);
    await w.plan('b1', { kind: 'now' });
    // The owner's chat is paced behind their other notices: their first DM waits until released.
    let release = () => {};
    const ownerTurn = new Promise<void>((resolve) => (release = resolve));
    const telegram: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        if (input.chatId === w.world.ownerId) await ownerTurn;
        return w.world.telegram.sendMessage(input);
      },
    };
    const running = runDueBroadcast(w.runner(telegram, { progressEveryMs: 0 }), { channelId: 'ch1', broadcastId: 'b1' });
    await expect.poll(() => w.subscribers.filter((subscriber) => w.received(subscriber).length === 1).length, { timeout: 5_000 }).toBe(5);
    expect(w.world.dms(w.world.ownerId)).toEqual([]);
    release();
    expect(await running).toMatchObject({ sent: 5, complete: true });
    expect(w.world.dms(w.world.ownerId).at(-1)).toContain('5 / 5 done · 5 sent');
  });

  it('an occurrence that takes three passes (two halted by an outage) DMs the owner at most twice: the start and the final counts', async () => {
    const w = broadcastWorld(4);
    await w.plan('b1', { kind: 'now' });
    // Telegram refuses the subscribers' messages (an outage) for two passes; the owner's DMs go through.
    let outage = true;
    const telegram: TelegramGateway = {
      ...w.world.telegram,
      sendMessage: async (input) => {
        if (outage && input.chatId !== w.world.ownerId) throw new PayGateError('unauthorized', 'Telegram rejected the bot token', { errorCode: 401 });
        return w.world.telegram.sendMessage(input);
      },
    };
    const due = { channelId: 'ch1', broadcastId: 'b1' };
    expect(await runDueBroadcast(w.runner(telegram, { progressEveryMs: 0 }), due)).toMatchObject({ complete: false, halted: 'unauthorized' });
    expect(await runDueBroadcast(w.runner(telegram, { progressEveryMs: 0 }), due)).toMatchObject({ complete: false, halted: 'unauthorized' });
    outage = false;
    expect(await runDueBroadcast(w.runner(telegram, { progressEveryMs: 0 }), due)).toMatchObject({ sent: 4, complete: true });
    const dms = w.world.dms(w.world.ownerId);
    expect(dms).toHaveLength(2);
    expect(dms.at(-1)).toContain('4 / 4 done · 4 sent');
  });
});
