import type pg from 'pg';
import type { Broker, EventStore } from '@paygate/domain';
import { configSecrets, redactUrl, type Config } from '../config/index.ts';
import { addLogSecrets, createLogger, type Logger } from '../logging/index.ts';
import { createPool } from '../postgres/index.ts';
import { createKurrentEventStore, createPostgresEventStore, migrateEventStore } from '../event-store/index.ts';
// The adapters' own folders, not broker/index.ts: that one also re-exports the vitest contract suite.
import { createInProcessBroker } from '../broker/in-process/index.ts';
import { createNatsBroker } from '../broker/nats/index.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

/** What every role is built from. Roles share nothing else, so any role can run in any process. */
export type Platform = {
  config: Config;
  logger: Logger;
  /** Read-model PostgreSQL (also the event store's, unless EVENTSTORE_URL is set). */
  pool: pg.Pool;
  eventStore: EventStore;
  broker: Broker;
  /** The time every command and timer of this process uses; tests move it forward. */
  clock: () => Date;
};

/** A platform plus its teardown, which only the runtime calls. */
export type RunningPlatform = Platform & {
  /** The PostgreSQL URL in use (the embedded server's when DATABASE_URL is unset). Secret. */
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

type Closer = { what: string; close(): Promise<unknown> };

/**
 * Opens the shared infrastructure the configuration asks for: PostgreSQL (DATABASE_URL or an
 * embedded server), the event store (KurrentDB when EVENTSTORE_URL is set, else PostgreSQL,
 * migrated first) and the broker (NATS JetStream when NATS_URL is set, else in-process). If a
 * step fails, whatever was already opened is closed before the error is rethrown.
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
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === undefined) {
      const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, logger });
      addLogSecrets(logger, embedded.password, encodeURIComponent(embedded.password));
      opened.push({ what: 'embedded PostgreSQL', close: embedded.stop });
      databaseUrl = embedded.url;
      logger.info({ database: redactUrl(databaseUrl) }, 'embedded PostgreSQL ready');
    }

    const pool = createPool(databaseUrl);
    opened.push({ what: 'PostgreSQL pool', close: () => pool.end() });
    await pool.query('select 1');
    logger.info({ database: redactUrl(databaseUrl) }, 'PostgreSQL connected');

    let eventStore: EventStore;
    if (config.eventStoreUrl !== undefined) {
      eventStore = createKurrentEventStore({ connectionString: config.eventStoreUrl });
      opened.push({ what: 'event store (KurrentDB)', close: () => eventStore.close() });
      await eventStore.ping();
      logger.info({ eventStore: redactUrl(config.eventStoreUrl) }, 'KurrentDB event store connected');
    } else {
      const { applied } = await migrateEventStore(pool);
      eventStore = createPostgresEventStore({ pool });
      opened.push({ what: 'event store (PostgreSQL)', close: () => eventStore.close() });
      logger.info({ migrationsApplied: applied }, 'PostgreSQL event store ready');
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
      logger.info({ nats: redactUrl(config.natsUrl), stream: config.natsStream }, 'NATS JetStream broker connected');
    } else {
      broker = createInProcessBroker();
      opened.push({ what: 'broker (in-process)', close: () => broker.close() });
      logger.info('in-process broker ready (single process only)');
    }

    let closing: Promise<void> | undefined;
    return {
      config,
      logger,
      pool,
      eventStore,
      broker,
      clock: options.clock ?? (() => new Date()),
      databaseUrl,
      embeddedDatabase: config.databaseUrl === undefined,
      close: () => (closing ??= closeOpened()),
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
};
