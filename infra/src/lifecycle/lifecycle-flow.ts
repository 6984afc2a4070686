import {
  createAccessCommands,
  createAccessManager,
  createExpirySweeper,
  createOwnerNotifier,
  createPayoutSettingsCommands,
  createRefundManager,
  startExpiryTimer,
  type AccessCommands,
  type ExpirySweeper,
  type ExpiryTimer,
  type LifecycleOptions,
  type PayoutSettingsCommands,
  type ProcessManager,
} from '@paygate/commands';
import type { EventStore, TelegramGateway } from '@paygate/domain';
import { createSubscriptionExpirySource, DEFAULT_READ_MODEL_SCHEMA, type AnyKysely } from '@paygate/projections';

export type LifecycleFlowDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  /** The read-model database (the `subscriptions` projection must run in `schema`). */
  db: AnyKysely;
  schema?: string;
  clock?: () => Date;
  logger?: { warn(object: Record<string, unknown>, message: string): void };
};

export type LifecycleFlowOptions = LifecycleOptions & {
  reminderDays?: readonly number[];
  sweepIntervalMs?: number;
  /** A stable id for this process in link claims (default random per process). */
  workerId?: string;
  /** How long a payout wallet change stays pending (PAYOUT_WALLET_HOLD_HOURS); default 48 h. */
  walletHoldSeconds?: number;
  /** EXPLORER_TX_URL: payout notices link the transaction there. */
  explorerTxUrl?: string;
};

export type LifecycleFlow = {
  /** The access manager, the refund manager and the owner notifier: run each with runProcessManager on the workers role. */
  processManagers: readonly ProcessManager[];
  /** For the bot: chat_join_request and chat_member updates. */
  access: AccessCommands;
  /** Owner payout settings; `payoutSettingsFor(channelId)` is what payouts read (effective wallet, pending change, hold). */
  payoutSettings: PayoutSettingsCommands;
  sweeper: ExpirySweeper;
  /** Starts the expiry timer; run it in one process at a time (see docs/subscriptions.md). */
  startExpiryTimer(): ExpiryTimer;
};

/** The subscription lifecycle wired from its parts, as the workers and bot roles need it. */
export const createLifecycleFlow = (deps: LifecycleFlowDeps, options: LifecycleFlowOptions = {}): LifecycleFlow => {
  const clock = deps.clock ?? (() => new Date());
  const { reminderDays, sweepIntervalMs, workerId, walletHoldSeconds, explorerTxUrl, ...lifecycle } = options;
  const base = { eventStore: deps.eventStore, telegram: deps.telegram, clock };
  const sweeper = createExpirySweeper({
    ...base,
    source: createSubscriptionExpirySource(deps.db, deps.schema ?? DEFAULT_READ_MODEL_SCHEMA),
    options: { ...lifecycle, ...(reminderDays === undefined ? {} : { reminderDays }) },
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
  });
  return {
    processManagers: [
      createAccessManager({ ...base, options: lifecycle, ...(workerId === undefined ? {} : { workerId }) }),
      createRefundManager({ ...base, options: lifecycle }),
      createOwnerNotifier({
        ...base,
        ...(lifecycle.locale === undefined ? {} : { locale: lifecycle.locale }),
        ...(explorerTxUrl === undefined ? {} : { explorerTxUrl }),
      }),
    ],
    access: createAccessCommands({ ...base, options: lifecycle }),
    payoutSettings: createPayoutSettingsCommands({ eventStore: deps.eventStore, clock, ...(walletHoldSeconds === undefined ? {} : { walletHoldSeconds }) }),
    sweeper,
    startExpiryTimer: () =>
      startExpiryTimer({
        sweeper,
        clock,
        ...(sweepIntervalMs === undefined ? {} : { intervalMs: sweepIntervalMs }),
        ...(deps.logger === undefined ? {} : { logger: deps.logger }),
      }),
  };
};
