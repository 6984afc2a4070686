import {
  telegramUserDecider,
  telegramUserStreamId,
  parseTelegramUserEvent,
  type Delivery,
  type EventStore,
  type InlineKeyboard,
  type TelegramGateway,
  type TelegramUserEvent,
  type TelegramUserState,
} from '@paygate/domain';
import { handleCommand } from '../command-handler/index.ts';
import { isUnreachableUser, withRateLimit, type RateLimitPolicy } from './telegram-calls.ts';

export type DirectMessageDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  clock: () => Date;
  rateLimit?: RateLimitPolicy;
};

export type DirectMessage = { userId: string; text: string; keyboard?: InlineKeyboard };

export type DmOutcome = { delivery: Extract<Delivery, 'sent'>; messageId: number } | { delivery: Extract<Delivery, 'blocked'> };

/**
 * Records that `userId` blocked the bot (once, until they come back). Idempotent through the
 * expected revision: a repeat decides on a state that already says blocked and appends nothing.
 */
export const recordBotBlocked = async (eventStore: EventStore, userId: string, blockedAt: Date): Promise<void> => {
  const streamId = telegramUserStreamId(userId);
  await handleCommand<TelegramUserState, TelegramUserEvent>({
    eventStore,
    streamId,
    initialState: () => telegramUserDecider.initialState,
    evolve: (state, event) => telegramUserDecider.evolve(state, parseTelegramUserEvent(event)),
    decide: (state) => telegramUserDecider.decide({ type: 'RecordBotBlocked', data: { userId, blockedAt: blockedAt.toISOString() } }, state),
  });
};

/** Records that `userId` writes to the bot again (the bot calls this on /start after a block). */
export const recordBotUnblocked = async (eventStore: EventStore, userId: string, unblockedAt: Date): Promise<void> => {
  const streamId = telegramUserStreamId(userId);
  await handleCommand<TelegramUserState, TelegramUserEvent>({
    eventStore,
    streamId,
    initialState: () => telegramUserDecider.initialState,
    evolve: (state, event) => telegramUserDecider.evolve(state, parseTelegramUserEvent(event)),
    decide: (state) => telegramUserDecider.decide({ type: 'RecordBotUnblocked', data: { userId, unblockedAt: unblockedAt.toISOString() } }, state),
  });
};

/**
 * Sends a DM. A user who blocked the bot (or whom Telegram does not know) is an outcome, not a failure: it is recorded
 * (TelegramUserBlockedBot) and returned as `blocked`, so the caller records its step as done
 * and nothing retries it forever. Rate limits and outages throw (see withRateLimit).
 */
export const sendDirectMessage = async (deps: DirectMessageDeps, message: DirectMessage): Promise<DmOutcome> => {
  try {
    const { messageId } = await withRateLimit(
      () => deps.telegram.sendMessage({ chatId: message.userId, text: message.text, ...(message.keyboard ? { keyboard: message.keyboard } : {}) }),
      deps.rateLimit,
    );
    return { delivery: 'sent', messageId };
  } catch (error) {
    if (!isUnreachableUser(error)) throw error;
    await recordBotBlocked(deps.eventStore, message.userId, deps.clock());
    return { delivery: 'blocked' };
  }
};
