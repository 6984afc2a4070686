import { DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
import { SANDBOX_TELEGRAM_BOT_USERNAME, telegramFor } from '../bot/telegram-setup.ts';
import { createLifecycleFlow, type LifecycleFlow } from '../lifecycle/index.ts';
import type { Platform } from './platform.ts';
import { readModelDb } from './read-model-db.ts';
import { telegramGatewayFor } from './telegram-gateway-for.ts';

const flows = new WeakMap<Platform, LifecycleFlow>();

/** One subscription lifecycle per platform: access manager, notifier, join handling, expiry sweeper. */
export const lifecycleFor = (platform: Platform): LifecycleFlow => {
  let flow = flows.get(platform);
  if (!flow) {
    flow = createLifecycleFlow({
      eventStore: platform.eventStore,
      telegram: telegramGatewayFor(platform),
      db: readModelDb(platform),
      clock: platform.clock,
      schema: DEFAULT_READ_MODEL_SCHEMA,
      logger: platform.logger.child({ component: 'lifecycle' }),
    }, {
      graceSeconds: platform.config.subscriptions.graceSeconds,
      reminderDays: platform.config.subscriptions.reminderDays,
      walletHoldSeconds: platform.config.payoutWalletHoldSeconds,
      // Come-back DMs carry a t.me deep link; a live bot's username is not known before getMe.
      ...(telegramFor(platform).mode === 'sandbox' ? { botUsername: SANDBOX_TELEGRAM_BOT_USERNAME } : {}),
    });
    flows.set(platform, flow);
  }
  return flow;
};
