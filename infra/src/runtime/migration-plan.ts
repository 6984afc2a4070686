import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CHECKPOINT_TABLE, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type Projection } from '@paygate/projections';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { assertSchemaKnown, createPool, pendingMigrations, quoteIdent, readMigrationHistory, roleOfUrl, type PendingMigration } from '../postgres/index.ts';
import { appliedMigrationSets, knownMigrationSets } from './migration-steps.ts';
import { openDatabase, type Closer } from './platform.ts';

/** A read model `paygate migrate` would create, or a projector would rebuild from event 0. */
export type PendingReadModel = { projection: string; version: number; action: 'create' | 'rebuild'; fromVersion?: number };

export type MigrationPlan = {
  /** Versioned migrations not applied yet, by scope then version. */
  pending: PendingMigration[];
  readModels: PendingReadModel[];
  /** True when there is no database yet (embedded mode, first run): everything is pending. */
  freshEmbedded: boolean;
};

const exists = (path: string) => access(path).then(() => true, () => false);

/** Read-model versions recorded by projectors; none when the schema or the table is missing. */
const recordedReadModels = async (appUrl: string): Promise<Map<string, number>> => {
  const pool = createPool(appUrl, { max: 1, applicationName: 'paygate_migrate_plan' });
  try {
    const table = `${quoteIdent(DEFAULT_READ_MODEL_SCHEMA)}.${quoteIdent(CHECKPOINT_TABLE)}`;
    const { rows: found } = await pool.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [table]);
    if (!found[0]?.found) return new Map();
    const { rows } = await pool.query<{ projection: string; version: number }>(`SELECT projection, version FROM ${table}`);
    return new Map(rows.map((row) => [row.projection, row.version]));
  } finally {
    await pool.end();
  }
};

const readModelPlan = (recorded: ReadonlyMap<string, number>, projections: readonly Projection[]): PendingReadModel[] =>
  projections.flatMap((projection): PendingReadModel[] => {
    const at = recorded.get(projection.name);
    if (at === undefined) return [{ projection: projection.name, version: projection.version, action: 'create' }];
    if (at !== projection.version) return [{ projection: projection.name, version: projection.version, action: 'rebuild', fromVersion: at }];
    return [];
  });

/**
 * `paygate migrate --dry-run`: what `paygate migrate` would apply, read with SELECTs only (the
 * history and the projection checkpoints), applying nothing. Refuses a newer schema exactly like
 * `migrate` and `start` do. Embedded mode on a data directory with no cluster yet starts nothing:
 * everything is pending.
 */
export const planMigrations = async (config: Config, { logger, projections = readModelProjections }: { logger: Logger; projections?: readonly Projection[] }): Promise<MigrationPlan> => {
  const sets = appliedMigrationSets(config);
  if (config.databaseUrl === undefined && !(await exists(join(resolve(config.dataDir), 'postgres', 'PG_VERSION'))))
    return { pending: pendingMigrations(new Map(), sets), readModels: readModelPlan(new Map(), projections), freshEmbedded: true };
  const opened: Closer[] = [];
  try {
    const urls = await openDatabase(config, logger, opened);
    const ownerUrl = urls.ownerUrl ?? urls.appUrl;
    const separate = roleOfUrl(ownerUrl) !== roleOfUrl(urls.appUrl);
    // The history is read as migrate reads it: as the owner, public pinned when the roles differ.
    const pool = createPool(ownerUrl, { max: 1, applicationName: 'paygate_migrate_plan', ...(separate ? { searchPath: ['public'] } : {}) });
    let history;
    try {
      history = await readMigrationHistory(pool);
    } finally {
      await pool.end();
    }
    assertSchemaKnown(history, knownMigrationSets());
    return { pending: pendingMigrations(history, sets), readModels: readModelPlan(await recordedReadModels(urls.appUrl), projections), freshEmbedded: false };
  } finally {
    for (const { close } of opened.reverse()) await close();
  }
};
