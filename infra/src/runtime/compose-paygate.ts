import { createThrottleQueue } from '@paygate/gateways';
import { DEFAULT_READ_MODEL_SCHEMA, type AnyKysely } from '@paygate/projections';
import { createBotSetup, type BotSetup, type BotSetupOptions } from '../bot/bot-setup.ts';
import { telegramPacing } from '../bot/outbound-pacing.ts';
import { createTelegramSetup, SANDBOX_TELEGRAM_BOT_USERNAME, type TelegramSetup } from '../bot/telegram-setup.ts';
import { createDashboardSetup, createPaymentTrailReader, type DashboardSetup } from '../dashboard/index.ts';
import { createPaymentFlow, type PaymentFlow } from '../flows/index.ts';
import { createLifecycleFlow, type LifecycleFlow } from '../lifecycle/index.ts';
import { createPlatformRateLimits, type PlatformRateLimits } from '../rate-limit/index.ts';
import { createPayoutFlow, createPayoutGateways, type PayoutFlow } from '../payouts/index.ts';
import { createNowPaymentsSetup, type NowPaymentsSetup } from './nowpayments-gateway.ts';
import type { Platform } from './platform.ts';
import { createPublicAddress, type PublicAddress } from './public-address.ts';
import { createIpnReconcilerSetup } from './ipn-reconciler-setup.ts';
import { nowPaymentsReadinessCheck, platformReadinessChecks } from './readiness-checks.ts';
import { createReadModelDb } from './read-model-db.ts';
import type { RoleFactories } from './role.ts';
import { createApiRole, createBotRole, createProjectorRole, createRelayRole, createWorkersRole, paymentRoutes, readApiRoutes, telegramRoutes } from './roles/index.ts';
import { createTelegramGateway } from './telegram-gateway.ts';
import { botUsernameOf, createBroadcastSetup, type BroadcastSetup } from './broadcast-setup.ts';
import { apiMetrics, type PayGateMetrics } from '../telemetry/index.ts';

/** One process's object graph: what its roles and CLI commands use, built once from the platform. */
export type PayGate = {
  platform: Platform;
  address: PublicAddress;
  /** kysely over the platform's pool, for the read models. */
  readModels: AnyKysely;
  rateLimits: PlatformRateLimits;
  /** The real API (live) or the simulator the api role serves (sandbox). */
  nowPayments: NowPaymentsSetup;
  /** The Bot API (live) or the simulator the api role serves (sandbox). */
  telegram: TelegramSetup;
  /** Owner and subscriber commands, the IPN webhook, the split manager. */
  payments: PaymentFlow;
  /** Owner broadcasts: commands, the bot's port, the scheduler the workers run. */
  broadcasts: BroadcastSetup;
  /** Access manager, owner notifier, join handling, payout settings, expiry sweeper. */
  lifecycle: LifecycleFlow;
  /** Owner balances, payouts through ChangeNOW and the host wallet (live or simulated). */
  payouts: PayoutFlow;
  bot: BotSetup;
  /** Dashboard sessions, login links and token keys. */
  dashboard: DashboardSetup;
  /** Builds a role; `start` builds only the roles it was asked for. */
  roles: RoleFactories;
};

export type ComposePayGateOptions = {
  /** Where the api listens when another process runs it (a CLI command, from runtime.json). */
  apiUrl?: string;
  /** Tests replace parts of the bot's wiring (a clock, limits, the transport). */
  bot?: BotSetupOptions;
  /** This process's Prometheus metrics (startPayGate's); unset: nothing is counted (CLI commands). */
  metrics?: PayGateMetrics;
};

/**
 * The composition root: builds everything a PayGate process runs from the validated config and
 * the opened platform, and hands each part exactly what it needs. Nothing here does I/O: work
 * starts when a role starts or a command calls in. Live mode builds no simulator (the setups
 * refuse half-live configurations).
 */
export const composePayGate = (platform: Platform, options: ComposePayGateOptions = {}): PayGate => {
  const { config, logger, pool, eventStore, broker, clock } = platform;
  const address = createPublicAddress(config, options.apiUrl);
  const readModels = createReadModelDb(pool);
  const rateLimits = createPlatformRateLimits({ pool, logger, limits: config.rateLimits });
  const nowPayments = createNowPaymentsSetup({ config, address });
  const telegram = createTelegramSetup({ config, clock, address });
  // One queue for every Telegram message this process sends (the bot's and the process
  // managers'), so access messages go first across both and the budget is the process's.
  const telegramQueue = createThrottleQueue({ limits: { globalPerSecond: config.telegramMessagesPerSecond, globalBurst: config.telegramMessagesPerSecond } });

  const payments = createPaymentFlow(
    { eventStore, broker, logger },
    {
      nowPayments: nowPayments.gateway,
      ipnSecret: nowPayments.ipnSecret,
      previousIpnSecret: config.nowpayments.previousIpnSecret,
      feeBps: config.platformFeeBps,
      clock,
      publicUrl: address.publicUrl,
    },
  );
  const lifecycle = createLifecycleFlow(
    {
      eventStore,
      telegram: createTelegramGateway(telegram, telegramQueue, 'reminder', options.metrics && { rateLimited: (method) => options.metrics!.telegram429.inc({ method }) }),
      db: readModels,
      clock,
      schema: DEFAULT_READ_MODEL_SCHEMA,
      logger: logger.child({ component: 'lifecycle' }),
    },
    {
      graceSeconds: config.subscriptions.graceSeconds,
      reminderDays: config.subscriptions.reminderDays,
      walletHoldSeconds: config.payoutWalletHoldSeconds,
      messagesPerSecond: config.telegramMessagesPerSecond,
      ...(config.payouts.explorerTxUrl === undefined ? {} : { explorerTxUrl: config.payouts.explorerTxUrl }),
      // Come-back DMs carry a t.me deep link; a live bot's username is not known before getMe.
      ...(telegram.mode === 'sandbox' ? { botUsername: SANDBOX_TELEGRAM_BOT_USERNAME } : {}),
    },
  );
  const payouts = createPayoutFlow(
    {
      eventStore,
      clock,
      logger,
      pool,
      db: readModels,
      schema: DEFAULT_READ_MODEL_SCHEMA,
      gateways: createPayoutGateways({ config, logger }),
      payoutSettingsFor: (channelId) => lifecycle.payoutSettings.payoutSettingsFor(channelId),
    },
    config.payouts,
  );
  const broadcasts = createBroadcastSetup({
    eventStore,
    readModels,
    telegram: createTelegramGateway(telegram, telegramQueue, 'broadcast', options.metrics && { rateLimited: (method) => options.metrics!.telegram429.inc({ method }) }),
    clock,
    logger,
    sendNowCooldownSeconds: config.broadcasts.sendNowCooldownSeconds,
    intervalMs: config.broadcasts.checkIntervalMs,
    botUsername: () => botUsernameOf(telegram),
    // The bot setup is built just below; these are called only once a role runs.
    blockedChats: { blocked: (input) => bot.blockedChats.blocked(input) },
    prepare: () => bot.ready(),
  });
  const dashboard = createDashboardSetup({ config, eventStore, clock, address, logger: logger.child({ component: 'dashboard' }) });
  const bot = createBotSetup(
    { config, eventStore, pool, readModels, logger, clock, telegram, payments, lifecycle, broadcasts: broadcasts.port, invoiceLimit: rateLimits.invoices, address, sessions: dashboard.sessions },
    { ...options.bot, bot: { ...options.bot?.bot, api: { pacing: telegramPacing(telegramQueue), ...options.bot?.bot?.api } } },
  );

  const subjectPrefix = config.natsSubjectPrefix;
  const roles: RoleFactories = {
    projector: () => createProjectorRole({ readModels, eventStore, logger }),
    relay: () => createRelayRole({ pool, eventStore, broker, logger, subjectPrefix }),
    workers: () =>
      createWorkersRole({
        broker,
        pool,
        logger,
        subjectPrefix,
        payments,
        lifecycle,
        payouts,
        broadcasts,
        reconciler: createIpnReconcilerSetup({ recordIpn: payments.recordIpn, readModels, nowPayments, afterMinutes: config.ipnReconcileAfterMinutes, clock, logger }),
      }),
    api: () =>
      createApiRole({
        logger,
        config,
        readiness: [...platformReadinessChecks(platform), nowPaymentsReadinessCheck(nowPayments.ping)],
        routes: [
          paymentRoutes({ payments, nowPayments, logger }),
          readApiRoutes({
            readModels,
            operatorKey: config.operatorKey,
            dashboard,
            readTrail: createPaymentTrailReader(eventStore),
            config,
            botUsername: telegram.mode === 'sandbox' ? SANDBOX_TELEGRAM_BOT_USERNAME : undefined,
            logger,
            limits: rateLimits.readApi,
          }),
          telegramRoutes({ bot, logger }),
        ],
        webhookLimit: rateLimits.telegramWebhook,
        address,
        prepare: () => dashboard.prepare(),
        ...(options.metrics
          ? { metrics: apiMetrics({ metrics: options.metrics, metricsPort: config.metricsPort, operatorKey: config.operatorKey, logger, lockout: rateLimits.readApi.lockout }) }
          : {}),
      }),
    bot: () => createBotRole({ logger, setup: bot }),
  };

  return { platform, address, readModels, rateLimits, nowPayments, telegram, payments, broadcasts, lifecycle, payouts, bot, dashboard, roles };
};
