import { DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
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
    });
    flows.set(platform, flow);
  }
  return flow;
};
