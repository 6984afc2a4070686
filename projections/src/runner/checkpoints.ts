import { sql, type Transaction } from 'kysely';
import type { GlobalPosition } from '@paygate/domain';
import type { AnyKysely } from './projection.ts';

export const CHECKPOINT_TABLE = 'paygate_projection_checkpoints';

export type StoredCheckpoint = { position: GlobalPosition | undefined; version: number };

export const ensureCheckpointTable = async (db: AnyKysely, schema: string): Promise<void> => {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  await sql`CREATE TABLE IF NOT EXISTS ${sql.id(schema, CHECKPOINT_TABLE)} (
    projection text PRIMARY KEY,
    version integer NOT NULL,
    commit_position numeric(20,0),
    prepare_position numeric(20,0),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
};

type Row = { version: number; commit_position: string | null; prepare_position: string | null };

const toCheckpoint = (row: Row | undefined): StoredCheckpoint | undefined =>
  row && {
    version: row.version,
    position:
      row.commit_position === null || row.prepare_position === null
        ? undefined
        : { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
  };

export const readCheckpoint = async (
  db: AnyKysely | Transaction<unknown>,
  schema: string,
  projection: string,
  { lock = false } = {},
): Promise<StoredCheckpoint | undefined> => {
  const result = await sql<Row>`SELECT version, commit_position::text, prepare_position::text
    FROM ${sql.id(schema, CHECKPOINT_TABLE)} WHERE projection = ${projection} ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return toCheckpoint(result.rows[0]);
};

export const writeCheckpoint = async (
  db: AnyKysely | Transaction<unknown>,
  schema: string,
  projection: string,
  version: number,
  position: GlobalPosition | undefined,
): Promise<void> => {
  const commit = position?.commit.toString() ?? null;
  const prepare = position?.prepare.toString() ?? null;
  await sql`INSERT INTO ${sql.id(schema, CHECKPOINT_TABLE)} (projection, version, commit_position, prepare_position, updated_at)
    VALUES (${projection}, ${version}, ${commit}, ${prepare}, now())
    ON CONFLICT (projection) DO UPDATE SET version = EXCLUDED.version, commit_position = EXCLUDED.commit_position,
      prepare_position = EXCLUDED.prepare_position, updated_at = now()`.execute(db);
};

/**
 * Locks the checkpoints of `projections` (in name order, so two runners never deadlock) and
 * returns them by name: a batch transaction checks none moved before it writes.
 */
export const lockCheckpoints = async (
  db: Transaction<unknown>,
  schema: string,
  projections: readonly string[],
): Promise<Map<string, GlobalPosition | undefined>> => {
  const result = await sql<Row & { projection: string }>`SELECT projection, version, commit_position::text, prepare_position::text
    FROM ${sql.id(schema, CHECKPOINT_TABLE)} WHERE projection = ANY(${[...projections]}::text[]) ORDER BY projection FOR UPDATE`.execute(db);
  return new Map(result.rows.map((row) => [row.projection, toCheckpoint(row)!.position]));
};

/** Writes several projections' checkpoints in one statement (a batch transaction's last step). */
export const writeCheckpoints = async (
  db: Transaction<unknown>,
  schema: string,
  checkpoints: readonly { projection: string; version: number; position: GlobalPosition }[],
): Promise<void> => {
  if (checkpoints.length === 0) return;
  const rows = checkpoints.map(({ projection, version, position }) => ({
    projection,
    version,
    commit_position: position.commit.toString(),
    prepare_position: position.prepare.toString(),
  }));
  await sql`INSERT INTO ${sql.id(schema, CHECKPOINT_TABLE)} (projection, version, commit_position, prepare_position, updated_at)
    SELECT projection, version, commit_position::numeric, prepare_position::numeric, now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS c(projection text, version integer, commit_position text, prepare_position text)
    ON CONFLICT (projection) DO UPDATE SET version = EXCLUDED.version, commit_position = EXCLUDED.commit_position,
      prepare_position = EXCLUDED.prepare_position, updated_at = now()`.execute(db);
};
