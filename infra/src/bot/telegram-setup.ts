import { createTelegramSandbox, TELEGRAM_API_ROOT, type TelegramSandbox } from '@paygate/gateways';
import type { Platform } from '../runtime/platform.ts';
import { localApiUrl, publicUrl } from '../runtime/public-address.ts';

/** Where the in-process Telegram Bot API simulator is mounted on the api role's server. */
export const TELEGRAM_SANDBOX_PATH = '/sandbox/telegram';
// The sandbox moves nothing real, so its bot token is fixed and public on purpose.
export const SANDBOX_TELEGRAM_BOT_TOKEN = '7000000001:paygate-sandbox-bot-token';
export const SANDBOX_TELEGRAM_BOT_USERNAME = 'paygate_sandbox_bot';

export type TelegramSetup = {
  mode: 'live' | 'sandbox';
  /** Secret in live mode. */
  token: string;
  /** The Bot API base URL, read per call: the sandbox's address is known once the api role listens. */
  apiRoot(): string;
  /** The simulator to mount on the api role (sandbox mode only). */
  sandbox?: TelegramSandbox;
};

const setups = new WeakMap<Platform, TelegramSetup>();

/**
 * TELEGRAM_BOT_TOKEN set → api.telegram.org with that token. Unset → the Bot API simulator,
 * served by the api role under /sandbox/telegram; the bot (and the Telegram gateway of the
 * process managers) reach it at this process's api address, else at the public URL (another
 * process's api). One per platform, shared by the roles of a process.
 */
export const telegramFor = (platform: Platform, options: { sandboxBaseUrl?: () => string } = {}): TelegramSetup => {
  const existing = setups.get(platform);
  if (existing) return existing;
  const token = platform.config.telegramBotToken;
  let setup: TelegramSetup;
  if (token !== undefined) {
    setup = { mode: 'live', token, apiRoot: () => TELEGRAM_API_ROOT };
  } else {
    const base = () => `${options.sandboxBaseUrl?.() ?? localApiUrl(platform) ?? publicUrl(platform)}${TELEGRAM_SANDBOX_PATH}`;
    // The simulated Telegram keeps the platform's time, so links expire when PayGate thinks they do.
    const sandbox = createTelegramSandbox({ token: SANDBOX_TELEGRAM_BOT_TOKEN, botUsername: SANDBOX_TELEGRAM_BOT_USERNAME, clock: platform.clock });
    setup = { mode: 'sandbox', token: SANDBOX_TELEGRAM_BOT_TOKEN, apiRoot: base, sandbox };
  }
  setups.set(platform, setup);
  return setup;
};
