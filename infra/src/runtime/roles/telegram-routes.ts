import { WEBHOOK_PATH } from '@paygate/bot';
import { botSetupFor } from '../../bot/bot-setup.ts';
import { TELEGRAM_SANDBOX_PATH } from '../../bot/telegram-setup.ts';
import type { HttpApp } from '../../http/index.ts';
import type { Platform } from '../platform.ts';
import { loopbackOnly } from '../sandbox-guard.ts';

/**
 * `POST /webhooks/telegram` when the bot uses the webhook transport (the secret token header is
 * checked first; a polling bot has no webhook to attack), and in sandbox mode the Telegram Bot API
 * simulator under /sandbox/telegram, whose control routes answer loopback callers only.
 */
export const mountTelegramRoutes = (app: HttpApp, platform: Platform): void => {
  const setup = botSetupFor(platform);
  if (setup.transport === 'webhook') app.post(WEBHOOK_PATH, (c) => setup.webhook(c.req.raw));
  const { mode, sandbox } = setup.telegram;
  if (mode !== 'sandbox' || !sandbox) return;
  app.use(`${TELEGRAM_SANDBOX_PATH}/sandbox/*`, loopbackOnly);
  app.route(TELEGRAM_SANDBOX_PATH, sandbox.app);
  platform.logger.warn(
    { path: TELEGRAM_SANDBOX_PATH, mode },
    'SANDBOX MODE: Telegram is simulated; play users and channels with `paygate sandbox telegram` from this machine',
  );
};
