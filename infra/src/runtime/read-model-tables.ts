import { Kysely, PostgresDialect, sql } from 'kysely';
import {
  DEFAULT_READ_MODEL_SCHEMA,
  ensureCheckpointTable,
  prepareProjection,
  readCheckpoint,
  readModelProjections,
  type Projection,
} from '@paygate/projections';
import type { Logger } from '../logging/index.ts';
import { createPool } from '../postgres/index.ts';

export type MigrateReadModelsOptions = {
  /** The app role's URL: it owns the read-model schema, so it creates the tables in it. */
  appUrl: string;
  /** The app role's search_path (see prepareAppSchema); tables are schema-qualified anyway. */
  searchPath?: readonly string[];
  logger: Logger;
  projections?: readonly Projection[];
  schema?: string;
};

export type MigrateReadModelsResult = {
  /** Projections whose tables this run created. */
  created: string[];
  /** Projections a projector (or an earlier run) prepared already: their tables are its business. */
  prepared: string[];
};

/**
 * Creates the tables and checkpoint of every read model no projector has prepared yet, as the app
 * role, so a process that only reads (the api role) answers from empty tables instead of failing
 * until a projector ran. A projection with a checkpoint is left alone: no DDL on tables a
 * projector may be writing (CREATE INDEX locks the table even when the index exists), and a
 * changed version stays the projector's to rebuild from event 0. One transaction under an
 * advisory lock, so processes starting together do not race on the same DDL.
 */
export const migrateReadModels = async ({
  appUrl,
  searchPath,
  logger,
  projections = readModelProjections,
  schema = DEFAULT_READ_MODEL_SCHEMA,
}: MigrateReadModelsOptions): Promise<MigrateReadModelsResult> => {
  // A pool of its own, without the run-time statement timeout (waiting for the lock counts).
  const pool = createPool(appUrl, { max: 1, applicationName: 'paygate_migrate', ...(searchPath === undefined ? {} : { searchPath }) });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('paygate_schema_migrations'), hashtext('read models'))`.execute(trx);
      await ensureCheckpointTable(trx, schema);
      const result: MigrateReadModelsResult = { created: [], prepared: [] };
      for (const projection of projections) {
        if ((await readCheckpoint(trx, schema, projection.name)) !== undefined) {
          result.prepared.push(projection.name);
          continue;
        }
        await prepareProjection(trx, projection, schema);
        result.created.push(projection.name);
      }
      logger.debug({ schema, ...result }, 'read-model tables ready');
      return result;
    });
  } finally {
    // Ends the pool too.
    await db.destroy();
  }
};
