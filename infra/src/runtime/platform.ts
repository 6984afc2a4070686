import type pg from 'pg';
import type { Broker, EventStore } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
import { configSecrets, redactUrl, type Config } from '../config/index.ts';
import { createLogger, type Logger } from '../logging/index.ts';
import { checkAppRole, createPool, prepareAppSchema } from '../postgres/index.ts';
import { createKurrentEventStore, createPostgresEventStore } from '../event-store/index.ts';
// The adapters' own folders, not broker/index.ts: that one also re-exports the vitest contract suite.
import { createInProcessBroker } from '../broker/in-process/index.ts';
import { createNatsBroker } from '../broker/nats/index.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrateDatabase, type DatabaseUrls, type MigrateDatabaseResult } from './migration-steps.ts';
import { migrateReadModels } from './read-model-tables.ts';

/** What every role is built from. Roles share nothing else, so any role can run in any process. */
export type Platform = {
  config: Config;
  logger: Logger;
  /**
   * Read-model PostgreSQL (also the event store's, unless EVENTSTORE_URL is set), connected as
   * the app role with DATABASE_STATEMENT_TIMEOUT_MS as its statement_timeout.
   */
  pool: pg.Pool;
  eventStore: EventStore;
  broker: Broker;
  /** The time every command and timer of this process uses; tests move it forward. */
  clock: () => Date;
};

/** A platform plus its teardown, which only the runtime calls. */
export type RunningPlatform = Platform & {
  /** The app role's PostgreSQL URL (the embedded app role's when DATABASE_URL is unset). Secret. */
  databaseUrl: string;
  /** True when this process runs the embedded PostgreSQL. */
  embeddedDatabase: boolean;
  /** Closes broker, event store, pool, then the embedded PostgreSQL; logs each step; idempotent. */
  close(): Promise<void>;
};

export type CreatePlatformOptions = {
  logger?: Logger;
  /** JetStream stream subjects; default `paygate.events.>`. Tests give each stream its own. */
  natsSubjects?: readonly string[];
  /** Default: the system clock. End-to-end tests inject one to move days forward. */
  clock?: () => Date;
};

export type Closer = { what: string; close(): Promise<unknown> };

export type Closers = { push(closer: Closer): void };

/** DATABASE_URL and DATABASE_OWNER_URL, or the embedded server's app role and superuser. */
export const openDatabase = async (config: Config, logger: Logger, opened: Closers): Promise<DatabaseUrls> => {
  if (config.databaseUrl !== undefined) {
    return { appUrl: config.databaseUrl, ...(config.databaseOwnerUrl === undefined ? {} : { ownerUrl: config.databaseOwnerUrl }) };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, logger });
  opened.push({ what: 'embedded PostgreSQL', close: embedded.stop });
  logger.debug({ database: redactUrl(embedded.url) }, 'embedded PostgreSQL ready');
  return { appUrl: embedded.url, ownerUrl: embedded.ownerUrl };
};

/** The app role's own schema (read models, checkpoints) and its search_path, prepared as the app role. */
const prepareAppRole = (appUrl: string) =>
  prepareAppSchema(appUrl, { schema: DEFAULT_READ_MODEL_SCHEMA, carryOver: ['paygate_relay_checkpoints'] });

export type MigrateOptions = { logger: Logger };

/**
 * `paygate migrate`: migrates as the owner and grants the app role, then, as the app role,
 * creates its schema and every read model's tables; it opens neither the event store nor the
 * broker. With no DATABASE_URL it runs the embedded server for the duration.
 */
export const migratePostgres = async (config: Config, { logger }: MigrateOptions): Promise<MigrateDatabaseResult> => {
  const opened: Closer[] = [];
  try {
    const urls = await openDatabase(config, logger, opened);
    const result = await migrateDatabase({ config, logger, urls });
    const searchPath = await prepareAppRole(urls.appUrl);
    await migrateReadModels({ appUrl: urls.appUrl, logger, ...(searchPath === undefined ? {} : { searchPath }) });
    return { ...result, steps: [...result.steps, 'read models'] };
  } finally {
    for (const { close } of opened.reverse()) await close();
  }
};

/**
 * Opens the shared infrastructure the configuration asks for: PostgreSQL (DATABASE_URL or an
 * embedded server), migrated first as the owner role (DATABASE_OWNER_URL, the embedded
 * superuser, or else DATABASE_URL itself), then connected as the app role and checked (live
 * mode refuses an app role that could rewrite the log); the event store (KurrentDB when
 * EVENTSTORE_URL is set, else PostgreSQL); the broker (NATS JetStream when NATS_URL is set, else
 * in-process). If a step fails, whatever was already opened is closed before the error is rethrown.
 */
export const createPlatform = async (config: Config, options: CreatePlatformOptions = {}): Promise<RunningPlatform> => {
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  // Closed in reverse order of opening: broker, event store, pool, embedded PostgreSQL.
  const opened: Closer[] = [];
  const closeOpened = async () => {
    for (const { what, close } of opened.splice(0).reverse()) {
      logger.info(`closing ${what}`);
      try {
        await close();
        logger.info(`${what} closed`);
      } catch (error) {
        logger.error({ err: error }, `closing ${what} failed`);
      }
    }
  };

  try {
    const urls = await openDatabase(config, logger, opened);
    const { granted } = await migrateDatabase({ config, logger, urls });
    // A least-privilege app role creates its run-time tables in a schema of its own.
    const searchPath = await prepareAppRole(urls.appUrl);
    const pool = createPool(urls.appUrl, {
      statementTimeoutMillis: config.databaseStatementTimeoutMs,
      ...(searchPath === undefined ? {} : { searchPath }),
    });
    opened.push({ what: 'PostgreSQL pool', close: () => pool.end() });
    await pool.query('select 1');
    logger.debug({ database: redactUrl(urls.appUrl), migratedAsOwner: granted, searchPath }, 'PostgreSQL connected');
    await checkAppRole(pool, { mode: config.mode, warn: (problems, message) => logger.warn({ problems }, message) });
    // After the check: a refused app role creates nothing. Then an api-only process answers from
    // empty read models rather than failing until a projector ran.
    await migrateReadModels({ appUrl: urls.appUrl, logger, ...(searchPath === undefined ? {} : { searchPath }) });

    let eventStore: EventStore;
    if (config.eventStoreUrl !== undefined) {
      eventStore = createKurrentEventStore({ connectionString: config.eventStoreUrl });
      opened.push({ what: 'event store (KurrentDB)', close: () => eventStore.close() });
      await eventStore.ping();
      logger.debug({ eventStore: redactUrl(config.eventStoreUrl) }, 'KurrentDB event store connected');
    } else {
      eventStore = createPostgresEventStore({ pool });
      opened.push({ what: 'event store (PostgreSQL)', close: () => eventStore.close() });
      logger.debug('PostgreSQL event store ready');
    }

    let broker: Broker;
    if (config.natsUrl !== undefined) {
      broker = await createNatsBroker({
        servers: config.natsUrl,
        streamName: config.natsStream,
        subjects: [...(options.natsSubjects ?? [`${config.natsSubjectPrefix}.>`])],
        logger: logger.child({ component: 'broker' }),
      });
      opened.push({ what: 'broker (NATS JetStream)', close: () => broker.close() });
      logger.debug({ nats: redactUrl(config.natsUrl), stream: config.natsStream }, 'NATS JetStream broker connected');
    } else {
      broker = createInProcessBroker();
      opened.push({ what: 'broker (in-process)', close: () => broker.close() });
      logger.debug('in-process broker ready (single process only)');
    }

    let closing: Promise<void> | undefined;
    return {
      config,
      logger,
      pool,
      eventStore,
      broker,
      clock: options.clock ?? (() => new Date()),
      databaseUrl: urls.appUrl,
      embeddedDatabase: config.databaseUrl === undefined,
      close: () => (closing ??= closeOpened()),
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
};
