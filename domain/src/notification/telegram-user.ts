import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';

/**
 * Stream `telegram-user-<userId>`: whether a user has blocked the bot. A DM refused with 403
 * "blocked" records it (and that DM is not retried); the bot records the unblock when the user
 * writes to it again.
 */
export const telegramUserStreamId = (userId: string): string => `telegram-user-${userId}`;

export const TelegramUserBlockedBotSchema = v.object({
  type: v.literal('TelegramUserBlockedBot'),
  data: v.object({ userId: TelegramUserIdSchema, blockedAt: TimestampSchema }),
});

export const TelegramUserUnblockedBotSchema = v.object({
  type: v.literal('TelegramUserUnblockedBot'),
  data: v.object({ userId: TelegramUserIdSchema, unblockedAt: TimestampSchema }),
});

export const TelegramUserEventSchema = v.variant('type', [TelegramUserBlockedBotSchema, TelegramUserUnblockedBotSchema]);
export type TelegramUserBlockedBot = v.InferOutput<typeof TelegramUserBlockedBotSchema>;
export type TelegramUserEvent = v.InferOutput<typeof TelegramUserEventSchema>;
export const parseTelegramUserEvent = createEventParser(TelegramUserEventSchema, 'telegram user');

export type TelegramUserCommand =
  | DomainCommand<'RecordBotBlocked', { userId: string; blockedAt: string }>
  | DomainCommand<'RecordBotUnblocked', { userId: string; unblockedAt: string }>;

export type TelegramUserState = { readonly blocked: boolean };

export const telegramUserDecider: Decider<TelegramUserCommand, TelegramUserEvent, TelegramUserState> = {
  initialState: { blocked: false },
  evolve: (state, event) => {
    switch (event.type) {
      case 'TelegramUserBlockedBot':
        return { blocked: true };
      case 'TelegramUserUnblockedBot':
        return { blocked: false };
      default:
        return state;
    }
  },
  decide: (command, state) => {
    if (command.type === 'RecordBotBlocked') {
      return state.blocked ? [] : [parseWithSchema(TelegramUserBlockedBotSchema, { type: 'TelegramUserBlockedBot', data: command.data }, 'TelegramUserBlockedBot')];
    }
    return state.blocked
      ? [parseWithSchema(TelegramUserUnblockedBotSchema, { type: 'TelegramUserUnblockedBot', data: command.data }, 'TelegramUserUnblockedBot')]
      : [];
  },
};
