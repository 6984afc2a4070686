import { WEBHOOK_PATH } from '@paygate/bot';
import { botSetupFor } from '../../bot/bot-setup.ts';
import { TELEGRAM_SANDBOX_PATH } from '../../bot/telegram-setup.ts';
import type { HttpApp } from '../../http/index.ts';
import type { Platform } from '../platform.ts';

/**
 * `POST /webhooks/telegram` (the bot's updates when Telegram pushes them; the secret token header
 * is checked first), and in sandbox mode the Telegram Bot API simulator under /sandbox/telegram.
 */
export const mountTelegramRoutes = (app: HttpApp, platform: Platform): void => {
  const setup = botSetupFor(platform);
  app.post(WEBHOOK_PATH, (c) => setup.webhook(c.req.raw));
  const { mode, sandbox } = setup.telegram;
  if (mode === 'sandbox' && sandbox) {
    app.route(TELEGRAM_SANDBOX_PATH, sandbox.app);
    platform.logger.info({ path: TELEGRAM_SANDBOX_PATH }, 'Telegram sandbox mounted: simulated users and channels under /sandbox/telegram/sandbox/…');
  }
};
