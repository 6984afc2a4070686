import { WEBHOOK_PATH } from '@paygate/bot';
import type { BotSetup } from '../../bot/bot-setup.ts';
import { TELEGRAM_SANDBOX_PATH } from '../../bot/telegram-setup.ts';
import type { Logger } from '../../logging/index.ts';
import { loopbackOnly } from '../sandbox-guard.ts';
import type { ApiRoutes } from './api-role.ts';

export type TelegramRoutesDeps = { bot: Pick<BotSetup, 'transport' | 'webhook' | 'telegram'>; logger: Logger };

/**
 * `POST /webhooks/telegram` when the bot uses the webhook transport (the secret token header is
 * checked first; a polling bot has no webhook to attack), and in sandbox mode the Telegram Bot API
 * simulator under /sandbox/telegram, whose control routes answer loopback callers only.
 */
export const telegramRoutes =
  ({ bot, logger }: TelegramRoutesDeps): ApiRoutes =>
  (app) => {
    if (bot.transport === 'webhook') app.post(WEBHOOK_PATH, (c) => bot.webhook(c.req.raw));
    const { mode, sandbox } = bot.telegram;
    if (mode !== 'sandbox' || !sandbox) return;
    app.use(`${TELEGRAM_SANDBOX_PATH}/sandbox/*`, loopbackOnly);
    app.route(TELEGRAM_SANDBOX_PATH, sandbox.app);
    logger.info(
      { path: TELEGRAM_SANDBOX_PATH, mode },
      'SANDBOX MODE: Telegram is simulated; play users and channels with `paygate sandbox telegram` from this machine',
    );
  };
