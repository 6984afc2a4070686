import type { BotDeps } from './create-bot.ts';
import type { BotLogger } from './deps.ts';
import type { ChatAdmins } from './owner-setup/chat-admins.ts';
import type { RateLimiter } from './rate-limit/index.ts';

/** What the handlers share: the dependencies plus the bot's own helpers, built once per bot. */
export type BotServices = {
  deps: BotDeps;
  logger: BotLogger;
  clock: () => Date;
  admins: ChatAdmins;
  limits: { invoices: RateLimiter; ownerActions: RateLimiter };
  /** The bot's @username and id, known once the bot is initialised (getMe or configured). */
  botUsername(): string;
  botId(): number;
};
