import { describe, expect, it } from 'vitest';
import { commandSpec, testClock } from '@paygate/testkit';
import { telegramWorld } from '../test-support/telegram-world.ts';
import { recordBotBlocked, recordBotUnblocked, sendDirectMessage } from './direct-message.ts';

const clock = testClock('2026-01-02T00:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('direct messages', () => {
  it('a DM that arrives returns its message id and records nothing', async () => {
    const world = telegramWorld(clock);
    const userId = world.newUser('Sam');
    const { result } = await commandSpec()
      .given({})
      .when(({ eventStore }) => sendDirectMessage({ eventStore, telegram: world.telegram, clock }, { userId, text: 'hello', keyboard: [[{ text: 'Open', url: 'https://t.me/x' }]] }))
      .thenAppendsNothing();
    expect(result).toEqual({ delivery: 'sent', messageId: 1 });
    expect(world.dms(userId)).toEqual(['hello']);
  });

  it('a user who blocked the bot is an outcome, recorded once however often it happens', async () => {
    const world = telegramWorld(clock);
    const userId = world.newUser('Bea');
    world.sandbox.control.blockBot(Number(userId));
    const { result } = await commandSpec()
      .given({})
      .when(async ({ eventStore }) => {
        const deps = { eventStore, telegram: world.telegram, clock };
        await sendDirectMessage(deps, { userId, text: 'first' });
        return sendDirectMessage(deps, { userId, text: 'second' });
      })
      .thenAppends({ [`telegram-user-${userId}`]: [{ type: 'TelegramUserBlockedBot', data: { userId, blockedAt: '2026-01-02T00:00:00.000Z' } }] });
    expect(result).toEqual({ delivery: 'blocked' });
  });

  it('an outage is thrown, not recorded as blocked', async () => {
    const world = telegramWorld(clock);
    const userId = world.newUser('Otto');
    world.sandbox.control.faults.fail('sendMessage', { errorCode: 502, description: 'Bad Gateway' });
    await commandSpec()
      .given({})
      .when(({ eventStore }) => sendDirectMessage({ eventStore, telegram: world.telegram, clock }, { userId, text: 'x' }))
      .thenThrows('unavailable');
  });

  it('blocked, then unblocked, then blocked again: each change recorded once', async () => {
    await commandSpec()
      .given({})
      .when(async ({ eventStore }) => {
        await recordBotBlocked(eventStore, '42', at('2026-01-01T00:00:00.000Z'));
        await recordBotBlocked(eventStore, '42', at('2026-01-01T01:00:00.000Z'));
        await recordBotUnblocked(eventStore, '42', at('2026-01-02T00:00:00.000Z'));
        await recordBotUnblocked(eventStore, '42', at('2026-01-02T01:00:00.000Z'));
        await recordBotBlocked(eventStore, '42', at('2026-01-03T00:00:00.000Z'));
      })
      .thenAppends({
        'telegram-user-42': [
          { type: 'TelegramUserBlockedBot', data: { userId: '42', blockedAt: '2026-01-01T00:00:00.000Z' } },
          { type: 'TelegramUserUnblockedBot', data: { userId: '42', unblockedAt: '2026-01-02T00:00:00.000Z' } },
          { type: 'TelegramUserBlockedBot', data: { userId: '42', blockedAt: '2026-01-03T00:00:00.000Z' } },
        ],
      });
  });
});
