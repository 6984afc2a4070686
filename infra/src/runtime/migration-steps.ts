import type pg from 'pg';
import { DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import {
  appRoleProblems,
  assertSchemaKnown,
  createPool,
  grantAppRole,
  handOverSchema,
  migrationHistoryAppGrant,
  readMigrationHistory,
  roleOfUrl,
  type AppGrant,
  type AppRoleAccess,
  type MigrationSet,
} from '../postgres/index.ts';
import { EVENT_STORE_MIGRATION_SCOPE, eventStoreAppGrants, eventStoreMigrations, migrateEventStore } from '../event-store/index.ts';
import { BOT_MIGRATIONS, botAppGrants, migrateBotTables } from '../bot/bot-tables.ts';
import { migrateRateLimitTable, RATE_LIMIT_MIGRATIONS, RATE_LIMIT_TABLE } from '../rate-limit/rate-limit-table.ts';

/** What a migration step works on: the owner's pool (no statement timeout), never the app's. */
export type MigrationTarget = { config: Config; logger: Logger; pool: pg.Pool };

/**
 * One piece of the owner's schema work. `paygate migrate` and `paygate start` run every step as
 * the owner role, in order; each must be idempotent and safe to run from several processes at
 * once (the shared `migrate()` takes an advisory lock). `appGrants` is what the app role may do
 * with the step's objects.
 */
export type MigrationStep = {
  name: string;
  run(target: MigrationTarget): Promise<unknown>;
  appGrants?: readonly AppGrant[];
  /**
   * The versioned migrations `run` applies, for the schema-version check and `migrate --dry-run`.
   * Required for a step that calls `migrate()`: an undeclared scope reads as a newer PayGate's.
   */
  schema?: MigrationSet;
  /** False when this configuration skips the step (the event store's tables with KurrentDB). */
  appliesTo?(config: Config): boolean;
};

export const runMigrationSteps = async (target: MigrationTarget, list: readonly MigrationStep[]): Promise<void> => {
  for (const step of list) {
    const started = performance.now();
    target.logger.debug({ step: step.name }, 'running migration step');
    const result = await step.run(target);
    const applied = (result as { applied?: unknown } | undefined)?.applied;
    target.logger.debug({ step: step.name, durationMs: Math.round(performance.now() - started), ...(applied === undefined ? {} : { applied }) }, 'migration step done');
  }
};

/** The owner's steps: the log, the bot's tables, the rate-limit counters. */
export const OWNER_STEPS: readonly MigrationStep[] = [
  {
    name: 'event store',
    // KurrentDB keeps the events; PostgreSQL then holds only read models and checkpoints.
    run: ({ config, pool }) => (config.eventStoreUrl === undefined ? migrateEventStore(pool) : Promise.resolve({ applied: [] })),
    appGrants: [...eventStoreAppGrants, migrationHistoryAppGrant],
    schema: { scope: EVENT_STORE_MIGRATION_SCOPE, migrations: eventStoreMigrations },
    appliesTo: (config) => config.eventStoreUrl === undefined,
  },
  { name: 'bot tables', run: ({ pool }) => migrateBotTables(pool), appGrants: botAppGrants, schema: { scope: 'bot', migrations: BOT_MIGRATIONS } },
  // Its users also migrate it on first use; as the app role that finds it done and does no DDL.
  {
    name: 'rate limits',
    run: ({ pool }) => migrateRateLimitTable(pool),
    appGrants: [{ kind: 'table', name: RATE_LIMIT_TABLE, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] }],
    schema: { scope: 'rate-limit', migrations: RATE_LIMIT_MIGRATIONS },
  },
];

/** Every versioned migration set this binary knows, whether or not this configuration applies it. */
export const knownMigrationSets = (list: readonly MigrationStep[] = OWNER_STEPS): MigrationSet[] => list.flatMap((step) => (step.schema ? [step.schema] : []));

/** The sets this configuration applies. */
export const appliedMigrationSets = (config: Config, list: readonly MigrationStep[] = OWNER_STEPS): MigrationSet[] =>
  list.flatMap((step) => (step.schema && (step.appliesTo?.(config) ?? true) ? [step.schema] : []));

/**
 * Refuses a database a newer PayGate migrated (a scope or version this binary does not know)
 * before anything is applied. Every role runs it, through `migrateDatabase`.
 */
export const checkSchemaVersion = async (pool: pg.Pool, list: readonly MigrationStep[] = OWNER_STEPS): Promise<void> => {
  assertSchemaKnown(await readMigrationHistory(pool), knownMigrationSets(list));
};

/** A single-role setup kept the relay's checkpoint in public; the app role reads it once to carry it over. */
const LEGACY_APP_TABLES: readonly AppGrant[] = [{ kind: 'table', name: 'paygate_relay_checkpoints', privileges: ['SELECT'] }];

/**
 * The app role's privileges. The log's tables and functions stay the owner's (SELECT and the
 * append function only). Its derived state (read models, projection and relay checkpoints) it
 * owns in schemas of its own, because projections create, drop and rebuild their tables at run
 * time: hence CREATE on the database, and never CREATE on public, where the owner's objects live.
 */
const appRoleAccess = (list: readonly MigrationStep[]): AppRoleAccess => ({
  database: ['CONNECT', 'CREATE'],
  schemas: ['public'],
  noCreateIn: ['public'],
  objects: [...list.flatMap((step) => step.appGrants ?? []), ...LEGACY_APP_TABLES],
});

export type DatabaseUrls = {
  /** The app role's connection (DATABASE_URL, or the embedded app role). */
  appUrl: string;
  /** The schema owner's (DATABASE_OWNER_URL, or the embedded superuser); unset: appUrl migrates. */
  ownerUrl?: string;
};

export type MigrateDatabaseOptions = {
  config: Config;
  logger: Logger;
  urls: DatabaseUrls;
};

/**
 * Migrates PostgreSQL as the owner role, then, when the app role is another role, hands it its
 * read-model schema (if an earlier single-role run made it) and grants it exactly its share.
 * Idempotent: every run re-grants, so privileges added by hand are revoked again. Runs on a pool
 * of its own with no statement timeout and a search_path pinned to public (a role with CREATE
 * on the database could otherwise put a schema named after the owner ahead of public).
 */
export type MigrateDatabaseResult = { appRole: string; granted: boolean; steps: string[] };

export const migrateDatabase = async ({ config, logger, urls }: MigrateDatabaseOptions): Promise<MigrateDatabaseResult> => {
  const ownerUrl = urls.ownerUrl ?? urls.appUrl;
  const appRole = roleOfUrl(urls.appUrl);
  const separate = roleOfUrl(ownerUrl) !== appRole;
  const pool = createPool(ownerUrl, { max: 2, applicationName: 'paygate_migrate', ...(separate ? { searchPath: ['public'] } : {}) });
  const list = OWNER_STEPS;
  const steps = list.map((step) => step.name);
  try {
    await checkSchemaVersion(pool, list);
    await runMigrationSteps({ config, logger, pool }, list);
    if (!separate) return { appRole, granted: false, steps };
    if (await handOverSchema(pool, DEFAULT_READ_MODEL_SCHEMA, appRole)) logger.info({ schema: DEFAULT_READ_MODEL_SCHEMA, appRole }, 'read-model schema handed to the app role');
    await grantAppRole(pool, appRole, appRoleAccess(list));
    const problems = await appRoleProblems(pool, appRole);
    if (problems.length > 0) logger.warn({ appRole, problems }, 'the app role has more privileges than PayGate grants it; live mode will refuse it (see docs/operations.md)');
    logger.debug({ appRole }, 'app role granted its privileges');
    return { appRole, granted: true, steps };
  } finally {
    await pool.end();
  }
};
