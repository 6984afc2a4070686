import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { createPayGateBot, createWebhookHandler, deriveWebhookSecret, startPolling, type BotDeps, type CreatePayGateBotOptions, type PayGateBot, type RunningPolling } from '@paygate/bot';
import { createAccessCommands, createChannelCommands, createInvoiceCommands, createPayoutSettingsCommands, createSessionService } from '@paygate/commands';
import type { EventStore } from '@paygate/domain';
import { createNowPaymentsClient, createNowPaymentsSandbox, createTelegramClient, createTelegramSandbox, type SandboxMessage, type TelegramClient, type TelegramSandbox } from '@paygate/gateways';
import {
  channelsProjection,
  createProjectionRunner,
  DEFAULT_READ_MODEL_SCHEMA,
  listSubscriberSubscriptions,
  subscriptionsProjection,
  type AnyKysely,
  type ProjectionRunner,
} from '@paygate/projections';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import { createPostgresEventStore, migrateEventStore } from '../../event-store/index.ts';
import { startHttpServer, type RunningHttpServer } from '../../http/index.ts';
import { createLogger } from '../../logging/index.ts';
import { createPool } from '../../postgres/index.ts';
import { migrateBotTables } from '../bot-tables.ts';
import { createBotQueries } from '../bot-queries.ts';
import { createDashboardLinks } from '../dashboard-links.ts';
import { telegramPacing } from '../outbound-pacing.ts';
import { createPostgresBlockedChats, type PostgresBlockedChats } from '../postgres-blocked-chats.ts';
import { createPostgresUpdateLedger } from '../postgres-update-ledger.ts';

export const BOT_TOKEN = '7123456789:bot-harness-token_abcdefghijklmnop';
const NOWPAYMENTS_KEY = 'bot-harness-api-key';
/** The public URL the harness's `/dashboard` links point at (nothing listens there). */
export const DASHBOARD_URL = 'https://paygate.test';

export type LogLine = { level: number; msg: string; [key: string]: unknown };

export type BotHarness = {
  db: TestDatabase;
  pool: pg.Pool;
  eventStore: EventStore;
  telegram: TelegramSandbox;
  telegramUrl: string;
  /** The Telegram gateway client the process managers use, on the same simulator. */
  telegramClient: TelegramClient;
  paygate: PayGateBot;
  blockedChats: PostgresBlockedChats;
  /** `POST /webhooks/telegram` of this bot on a real port. */
  webhookUrl: string;
  secretToken: string;
  logLines: LogLine[];
  /** The bot's messages to a user (its private chat), oldest first. */
  botMessages(userId: number): readonly SandboxMessage[];
  /** Waits until the bot has written `count` messages to the user; returns the last. */
  nthMessage(userId: number, count: number, what?: string): Promise<SandboxMessage>;
  close(): Promise<void>;
};

/**
 * The bot over real pieces: a fresh PostgreSQL (event store, update ledger, channels read model
 * projected live), the Telegram Bot API simulator and the NOWPayments sandbox over HTTP, the bot
 * polling with grammY's runner and its webhook served on a real port.
 */
export const startBotHarness = async (
  options: { bot?: Omit<CreatePayGateBotOptions, 'token' | 'apiRoot'>; deps?: Partial<BotDeps>; polling?: boolean } = {},
): Promise<BotHarness> => {
  const db = await createTestDatabase('paygate_bot');
  const pool = createPool(db.url, { max: 8 });
  await migrateEventStore(pool);
  await migrateBotTables(pool);
  const eventStore = createPostgresEventStore({ pool, pollIntervalMs: 50 });
  const logLines: LogLine[] = [];
  const logger = createLogger({ level: 'debug', secrets: [BOT_TOKEN, NOWPAYMENTS_KEY], destination: { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) } });

  const nowPayments = createNowPaymentsSandbox({ ipnSecret: 'bot-harness-ipn-secret', apiKey: NOWPAYMENTS_KEY, ipnRetry: { attempts: 1 } });
  const nowPaymentsServer = await nowPayments.listen(0);
  const telegram = createTelegramSandbox({ token: BOT_TOKEN, botUsername: 'paygate_test_bot' });
  const telegramServer = await telegram.listen(0);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read models are typed per query
  const kysely: AnyKysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const projections: ProjectionRunner[] = [channelsProjection, subscriptionsProjection].map((projection) =>
    createProjectionRunner({ db: kysely, eventStore, projection, schema: DEFAULT_READ_MODEL_SCHEMA }),
  );
  for (const projection of projections) await projection.start();
  const telegramClient = createTelegramClient({ apiRoot: telegramServer.url, token: BOT_TOKEN });

  const clock = () => new Date();
  const blockedChats = createPostgresBlockedChats(pool);
  const deps: BotDeps = {
    channels: createChannelCommands({ eventStore, clock }),
    invoices: createInvoiceCommands({
      eventStore,
      nowPayments: createNowPaymentsClient({ apiUrl: nowPaymentsServer.url, apiKey: NOWPAYMENTS_KEY, timeoutMs: 5_000 }),
      publicUrl: 'http://127.0.0.1:9',
      clock,
    }),
    queries: createBotQueries({
      eventStore,
      pool,
      subscriptionsOf: (subscriberId) => listSubscriberSubscriptions(kysely, DEFAULT_READ_MODEL_SCHEMA, subscriberId),
    }),
    payoutSettings: createPayoutSettingsCommands({ eventStore, clock }),
    access: createAccessCommands({ eventStore, telegram: telegramClient, clock, options: { botUsername: 'paygate_test_bot' } }),
    dashboard: createDashboardLinks({ sessions: createSessionService({ eventStore, clock }), publicUrl: () => DASHBOARD_URL }),
    ledger: createPostgresUpdateLedger(pool),
    blockedChats,
    clock,
    logger,
    ...options.deps,
  };
  const paygate = createPayGateBot(deps, { apiRoot: telegramServer.url, ...options.bot, token: BOT_TOKEN, api: { pacing: telegramPacing(), ...options.bot?.api } });
  const polling: RunningPolling | undefined = options.polling === false ? undefined : await startPolling(paygate, { logger });
  const secretToken = deriveWebhookSecret(BOT_TOKEN);
  const webhook = createWebhookHandler({ secretToken, processUpdate: paygate.processUpdate, logger });
  const http: RunningHttpServer = await startHttpServer({ fetch: (request: Request) => webhook(request) }, { port: 0, host: '127.0.0.1', graceMs: 500 });

  const botMessages = (userId: number) => telegram.control.botMessages(userId);
  return {
    db,
    pool,
    eventStore,
    telegram,
    telegramUrl: telegramServer.url,
    telegramClient,
    paygate,
    blockedChats,
    webhookUrl: `${http.url}/webhooks/telegram`,
    secretToken,
    logLines,
    botMessages,
    nthMessage: (userId, count, what = `message ${count} to user ${userId}`) =>
      waitFor(what, () => (botMessages(userId).length >= count ? botMessages(userId)[count - 1] : undefined)),
    async close() {
      await polling?.stop();
      await http.close();
      for (const projection of projections) await projection.stop();
      await telegramServer.close();
      await nowPaymentsServer.close();
      await eventStore.close();
      await kysely.destroy();
      await db.drop();
    },
  };
};
