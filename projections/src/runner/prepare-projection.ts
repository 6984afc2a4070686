import { sql } from 'kysely';
import type { GlobalPosition } from '@paygate/domain';
import { ensureCheckpointTable, readCheckpoint, writeCheckpoint } from './checkpoints.ts';
import type { AnyKysely, Projection } from './projection.ts';

/** Prepares the schema: tables, checkpoint table, and a reset when the projection's version changed. */
export const prepareProjection = (db: AnyKysely, projection: Projection, schema: string): Promise<GlobalPosition | undefined> => {
  // Inside a caller's transaction (migrate's), that caller holds the lock already.
  if (db.isTransaction) return prepareLocked(db, projection, schema);
  return db.transaction().execute(async (trx) => {
    // Runners in this and other processes prepare one at a time (the lock migrate uses too):
    // concurrent CREATE … IF NOT EXISTS can still collide in PostgreSQL's catalogs.
    await sql`SELECT pg_advisory_xact_lock(hashtext('paygate_schema_migrations'), hashtext('read models'))`.execute(trx);
    return prepareLocked(trx, projection, schema);
  });
};

const prepareLocked = async (trx: AnyKysely, projection: Projection, schema: string): Promise<GlobalPosition | undefined> => {
  await ensureCheckpointTable(trx, schema);
  const stored = await readCheckpoint(trx, schema, projection.name);
  if (stored && stored.version !== projection.version) {
    for (const table of projection.tables) await sql`DROP TABLE IF EXISTS ${sql.id(schema, table)} CASCADE`.execute(trx);
    await writeCheckpoint(trx, schema, projection.name, projection.version, undefined);
  }
  for (const statement of projection.ddl(schema)) await sql.raw(statement).execute(trx);
  if (!stored) await writeCheckpoint(trx, schema, projection.name, projection.version, undefined);
  return (stored?.version === projection.version ? stored.position : undefined) ?? undefined;
};
