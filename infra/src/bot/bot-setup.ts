import { Agent } from 'node:http';
import type pg from 'pg';
import type { EventStore } from '@paygate/domain';
import { createChannelCommands, createSessionService, type SessionService } from '@paygate/commands';
import { DEFAULT_READ_MODEL_SCHEMA, listSubscriberSubscriptions, type AnyKysely } from '@paygate/projections';
import { capDonationInvoiceCreation, capInvoiceCreation, createPayGateBot, createWebhookHandler, deriveWebhookSecret, WEBHOOK_PATH, type BotDeps, type BroadcastPort, type PayGateBot, type UpdateLedger, type WebhookHandler } from '@paygate/bot';
import type { Config } from '../config/index.ts';
import type { PaymentFlow } from '../flows/index.ts';
import type { LifecycleFlow } from '../lifecycle/index.ts';
import { addLogSecrets, type Logger } from '../logging/index.ts';
import type { PlatformRateLimits } from '../rate-limit/index.ts';
import type { PublicAddress } from '../runtime/public-address.ts';
import { migrateBotTables } from './bot-tables.ts';
import { createBotQueries } from './bot-queries.ts';
import { createDashboardLinks } from './dashboard-links.ts';
import { createOwnerBalances } from './owner-balances.ts';
import { telegramPacing } from './outbound-pacing.ts';
import { createPostgresBlockedChats } from './postgres-blocked-chats.ts';
import { createPostgresPendingInputs } from './postgres-pending-inputs.ts';
import { createPostgresUpdateLedger, type PostgresUpdateLedger } from './postgres-update-ledger.ts';
import type { TelegramSetup } from './telegram-setup.ts';

export type BotTransport = 'polling' | 'webhook';

export type BotSetup = {
  paygate: PayGateBot;
  telegram: TelegramSetup;
  transport: BotTransport;
  /** `<public URL>/webhooks/telegram` (webhook transport only). */
  webhookUrl?: string;
  /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; derived from the bot token. Secret. */
  secretToken: string;
  /** `POST /webhooks/telegram` for the api role. */
  webhook: WebhookHandler;
  ledger: PostgresUpdateLedger;
  /** Chats that blocked the bot (the broadcast sender marks them too). */
  blockedChats: NonNullable<BotDeps['blockedChats']>;
  /** Creates the bot's tables (once per process; idempotent across processes). */
  ready(): Promise<void>;
};

export type BotSetupOptions = {
  /** Default: webhook when TELEGRAM_BOT_TOKEN is set and PAYGATE_PUBLIC_URL is https, else polling. */
  transport?: BotTransport;
  /** Replaces (parts of) the wiring: tests pass a clock or limits. */
  deps?: Partial<BotDeps>;
  bot?: Omit<Parameters<typeof createPayGateBot>[1], 'token' | 'apiRoot'>;
};

/** What the bot is built from; the composition root hands it the process's shared parts. */
export type BotSetupDeps = {
  config: Pick<Config, 'publicUrl' | 'publicUrlConfigured' | 'payouts'>;
  eventStore: EventStore;
  pool: pg.Pool;
  /** The read models (the bot lists a subscriber's subscriptions there). */
  readModels: AnyKysely;
  logger: Logger;
  clock: () => Date;
  telegram: TelegramSetup;
  /** Invoices go through the payment flow, so the bot and the CLI share one NOWPayments setup. */
  payments: Pick<PaymentFlow, 'invoices' | 'donations'>;
  /** /linkpublic, /broadcast and the subscribers' opt-out buttons. */
  broadcasts: BroadcastPort;
  /** Join requests, joins and payout settings go to the commands the workers' access manager uses. */
  lifecycle: Pick<LifecycleFlow, 'access' | 'payoutSettings'>;
  /** RATE_LIMIT_INVOICES_PER_MINUTE, for all users and processes. */
  invoiceLimit: PlatformRateLimits['invoices'];
  address: PublicAddress;
  /** `/dashboard` login links; default: a session service over the event store (links live 5 minutes). */
  sessions?: Pick<SessionService, 'issueLoginLink'>;
};

/** Webhooks need Telegram to reach us over HTTPS; anything else (and the sandbox) polls. */
export const defaultTransport = (config: Pick<Config, 'publicUrl' | 'publicUrlConfigured'>, telegram: TelegramSetup): BotTransport =>
  telegram.mode === 'live' && config.publicUrlConfigured && config.publicUrl.startsWith('https://') ? 'webhook' : 'polling';

/**
 * The PayGate bot, shared by the bot role (polling, or setting the webhook) and the api role
 * (serving the webhook): commands and queries over the event store and read models, the update
 * ledger and blocked chats in PostgreSQL, and the Telegram API or its sandbox.
 */
export const createBotSetup = (deps: BotSetupDeps, options: BotSetupOptions = {}): BotSetup => {
  const { eventStore, pool, telegram } = deps;
  const logger = deps.logger.child({ component: 'telegram-bot' });
  const clock = options.deps?.clock ?? deps.clock;
  const ledger = createPostgresUpdateLedger(pool);

  let migrating: Promise<void> | undefined;
  const ready = () =>
    (migrating ??= migrateBotTables(pool).then(
      () => undefined,
      (error: unknown) => {
        migrating = undefined;
        throw error;
      },
    ));
  // The tables are made before the first update touches them, whichever role gets there first.
  const readyLedger: UpdateLedger = {
    claim: async (botId, updateId) => (await ready(), ledger.claim(botId, updateId)),
    complete: (botId, updateId) => ledger.complete(botId, updateId),
    release: (botId, updateId) => ledger.release(botId, updateId),
  };
  const blockedChats = createPostgresBlockedChats(pool);
  const readyBlockedChats: NonNullable<BotDeps['blockedChats']> = {
    blocked: async (input) => (await ready(), blockedChats.blocked(input)),
    reachable: async (chatId) => (await ready(), blockedChats.reachable(chatId)),
  };
  const pendingInputs = createPostgresPendingInputs(pool);
  const readyPendingInputs: BotDeps['pendingInputs'] = {
    set: async (userId, input, expiresAt) => (await ready(), pendingInputs.set(userId, input, expiresAt)),
    take: async (userId, now) => (await ready(), pendingInputs.take(userId, now)),
    clear: async (userId) => (await ready(), pendingInputs.clear(userId)),
  };

  const botDeps: BotDeps = {
    channels: createChannelCommands({ eventStore, clock }),
    // Invoices go through the payment flow so the bot and the CLI share one NOWPayments setup,
    // under a cap for all users and processes (RATE_LIMIT_INVOICES_PER_MINUTE).
    invoices: capInvoiceCreation(deps.invoiceLimit, { createInvoice: (input) => deps.payments.invoices.createInvoice(input) }),
    queries: createBotQueries({
      eventStore,
      pool,
      subscriptionsOf: (subscriberId) => listSubscriberSubscriptions(deps.readModels, DEFAULT_READ_MODEL_SCHEMA, subscriberId),
    }),
    // Donation invoices share the invoice cap: each is a call on the one NOWPayments account.
    donations: capDonationInvoiceCreation(deps.invoiceLimit, deps.payments.donations),
    broadcasts: deps.broadcasts,
    pendingInputs: readyPendingInputs,
    // Join requests and joins go to the same access commands the workers' access manager uses.
    access: deps.lifecycle.access,
    payoutSettings: deps.lifecycle.payoutSettings,
    balances: createOwnerBalances(deps.readModels, DEFAULT_READ_MODEL_SCHEMA),
    dashboard: createDashboardLinks({ sessions: deps.sessions ?? createSessionService({ eventStore, clock }), publicUrl: () => deps.address.publicUrl() }),
    ...(deps.config.payouts.explorerTxUrl === undefined ? {} : { explorerTxUrl: deps.config.payouts.explorerTxUrl }),
    ledger: readyLedger,
    blockedChats: readyBlockedChats,
    clock,
    logger,
    ...options.deps,
  };
  const paygate = createPayGateBot(botDeps, {
    // The sandbox lives on the api role's server, which stops before the bot: without keep-alive
    // the bot's polls do not hold that server open while it drains.
    ...(telegram.mode === 'sandbox' ? { baseFetchConfig: { agent: new Agent({ keepAlive: false }) } } : {}),
    ...options.bot,
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    api: { pacing: telegramPacing(), ...options.bot?.api },
  });
  const secretToken = deriveWebhookSecret(telegram.token);
  // Derived, so not in the config's secret list: the scrubber learns it here, before any line could carry it.
  addLogSecrets(deps.logger, secretToken);
  const transport = options.transport ?? defaultTransport(deps.config, telegram);
  return {
    paygate,
    telegram,
    transport,
    ...(transport === 'webhook' ? { webhookUrl: `${deps.address.publicUrl()}${WEBHOOK_PATH}` } : {}),
    secretToken,
    webhook: createWebhookHandler({ secretToken, processUpdate: paygate.processUpdate, logger }),
    ledger,
    blockedChats: readyBlockedChats,
    ready,
  };
};
