import { createTelegramClient, createTelegramSandbox, type TelegramClient, type TelegramSandbox } from '@paygate/gateways';
import type { TestClock } from '@paygate/testkit';

export const BOT_TOKEN = '7000000001:commands-unit-token';

export type TelegramWorld = {
  sandbox: TelegramSandbox;
  /** The real Bot API client, its HTTP requests answered by the sandbox's app in process. */
  telegram: TelegramClient;
  ownerId: string;
  chatId: string;
  /** A user who has started the bot (so it may DM them). */
  newUser(firstName: string): string;
  /** What the bot sent to a user's private chat, as text. */
  dms(userId: string): string[];
};

/**
 * The Telegram simulator with an owner and a channel whose admin is the bot, reached through
 * hono's `app.request` instead of a socket: the same client, wire format and errors as over HTTP.
 */
export const telegramWorld = (clock: TestClock): TelegramWorld => {
  const sandbox = createTelegramSandbox({ token: BOT_TOKEN, botUsername: 'paygate_test_bot', clock });
  // No pacing: a simulated 429 must reach the code under test as rate_limited.
  const telegram = createTelegramClient({
    apiRoot: 'http://telegram.sandbox',
    token: BOT_TOKEN,
    rateLimit: false,
    fetch: async (input, init) => sandbox.app.request(input, init),
  });
  const owner = sandbox.control.createUser({ firstName: 'Olga', startedBot: true });
  const chat = sandbox.control.createChannel({ ownerId: owner.id, title: 'Alpha signals' });
  sandbox.control.promoteBot({ chatId: chat.id });
  return {
    sandbox,
    telegram,
    ownerId: String(owner.id),
    chatId: String(chat.id),
    newUser: (firstName) => String(sandbox.control.createUser({ firstName, startedBot: true }).id),
    dms: (userId) => sandbox.control.botMessages(Number(userId)).map((message) => message.text ?? ''),
  };
};
