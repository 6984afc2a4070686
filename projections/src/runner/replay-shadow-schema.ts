import { sql } from 'kysely';
import { ensureCheckpointTable, writeCheckpoint } from './checkpoints.ts';
import type { AnyKysely, Projection } from './projection.ts';

const SECONDARY_INDEX = /^\s*CREATE\s+INDEX\b/i;

/**
 * A fresh shadow schema for a replay: the projections' tables UNLOGGED (a replay is thrown away
 * and redone, never recovered, so its writes skip the WAL) and without their secondary indexes,
 * which serve the read API's queries, not the replay or the comparison. Primary keys (and any
 * unique index) stay: the writes upsert on them.
 */
export const createShadowSchema = async (db: AnyKysely, projections: readonly Projection[], schema: string): Promise<void> => {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
  await db.transaction().execute(async (trx) => {
    await ensureCheckpointTable(trx, schema);
    for (const projection of projections) {
      for (const statement of projection.ddl(schema)) {
        if (SECONDARY_INDEX.test(statement)) continue;
        await sql.raw(statement.replace(/^(\s*)CREATE\s+TABLE\b/i, '$1CREATE UNLOGGED TABLE')).execute(trx);
      }
      await writeCheckpoint(trx, schema, projection.name, projection.version, undefined);
    }
  });
};
