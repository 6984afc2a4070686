import type { TelegramGateway } from '@paygate/domain';
import type { TelegramPriority } from '@paygate/gateways';

export type { TelegramPriority } from '@paygate/gateways';

/** A gateway that paces by priority (the runtime's) offers a view of itself at each priority. */
export type PrioritizedTelegram = TelegramGateway & { atPriority?(priority: TelegramPriority): TelegramGateway };

/**
 * The gateway whose messages wait in Telegram's shared queue at `priority` (access before
 * reminders before owner notices). A gateway without priorities (tests' in-process ones) is
 * used as it is.
 */
export const atPriority = (telegram: TelegramGateway, priority: TelegramPriority): TelegramGateway =>
  (telegram as PrioritizedTelegram).atPriority?.(priority) ?? telegram;
