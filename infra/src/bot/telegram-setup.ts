import { join } from 'node:path';
import { PayGateError } from '@paygate/domain';
import { createTelegramSandbox, type TelegramSandbox } from '@paygate/gateways';
import { SANDBOX_TELEGRAM_BOT_TOKEN, SANDBOX_TELEGRAM_BOT_USERNAME, TELEGRAM_SANDBOX_PATH, type Config } from '../config/index.ts';
import type { PublicAddress } from '../runtime/public-address.ts';

export { SANDBOX_TELEGRAM_BOT_TOKEN, SANDBOX_TELEGRAM_BOT_USERNAME, TELEGRAM_SANDBOX_PATH };

/** The simulated Telegram's users, chats and messages, under PAYGATE_DATA_DIR (0600). */
export const TELEGRAM_SANDBOX_WORLD_FILE = 'telegram-sandbox.json';

export type TelegramSetup = {
  mode: 'live' | 'sandbox';
  /** Secret in live mode. */
  token: string;
  /** The Bot API base URL, read per call: the sandbox's address is known once the api role listens. */
  apiRoot(): string;
  /** The simulator to mount on the api role (sandbox mode only; never built in live mode). */
  sandbox?: TelegramSandbox;
};

export type TelegramSetupDeps = {
  config: Pick<Config, 'mode' | 'telegramBotToken' | 'telegramApiUrl' | 'dataDir'>;
  /** The simulated Telegram keeps this time, so links expire when PayGate thinks they do. */
  clock: () => Date;
  address: PublicAddress;
};

/**
 * PAYGATE_MODE=live → TELEGRAM_API_URL (api.telegram.org, or a self-hosted Bot API server) with
 * TELEGRAM_BOT_TOKEN; no simulator exists. Sandbox → the Bot API simulator, served by the api role
 * under /sandbox/telegram; the bot (and the process managers' Telegram gateway) reach it at this
 * process's api address, else at the public URL (another process's api).
 */
export const createTelegramSetup = ({ config, clock, address }: TelegramSetupDeps): TelegramSetup => {
  const { mode, telegramBotToken: token, telegramApiUrl } = config;
  if (mode === 'live') {
    if (token === undefined || telegramApiUrl === undefined) {
      throw new PayGateError('validation', 'config error: live mode needs TELEGRAM_BOT_TOKEN (and TELEGRAM_API_URL, default https://api.telegram.org)');
    }
    return { mode: 'live', token, apiRoot: () => telegramApiUrl };
  }
  if (token !== undefined || telegramApiUrl !== undefined) {
    throw new PayGateError('validation', 'config error: sandbox mode holds no Telegram credential; set PAYGATE_MODE=live to use them');
  }
  const apiRoot = () => `${address.localApiUrl() ?? address.publicUrl()}${TELEGRAM_SANDBOX_PATH}`;
  // The world lives in the data dir, so a restart continues it (and the bot's update ledger never
  // meets an update id twice); built when first used, as only the api role serves it.
  let sandbox: TelegramSandbox | undefined;
  const stateFile = join(config.dataDir, TELEGRAM_SANDBOX_WORLD_FILE);
  return {
    mode: 'sandbox',
    token: SANDBOX_TELEGRAM_BOT_TOKEN,
    apiRoot,
    get sandbox() {
      return (sandbox ??= createTelegramSandbox({ token: SANDBOX_TELEGRAM_BOT_TOKEN, botUsername: SANDBOX_TELEGRAM_BOT_USERNAME, clock, stateFile }));
    },
  };
};
