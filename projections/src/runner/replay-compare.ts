import { sql } from 'kysely';
import type { AnyKysely, Projection } from './projection.ts';

/** One table's rows that are in one schema and not the other (as multisets), with a few of each. */
export type TableDiff = {
  projection: string;
  table: string;
  onlyLive: number;
  onlyReplay: number;
  /** A few rows of each side, as JSON text (exact: amounts exceed 2^53), in a stable order. */
  samples: { live: string[]; replay: string[] };
  /** Set when the two tables do not even have the same columns (then no row is compared). */
  columns?: { live: string[]; replay: string[] };
};

const columnsOf = async (db: AnyKysely, schema: string, table: string): Promise<string[]> =>
  (
    await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = ${schema} AND table_name = ${table} ORDER BY column_name`.execute(db)
  ).rows.map((row) => row.name);

/** Rows of `a.table` not in `b.table` (EXCEPT ALL): how many, and the first `limit` of them. */
const onlyIn = async (db: AnyKysely, a: string, b: string, table: string, columns: string[], limit: number) => {
  const list = sql.join(columns.map((column) => sql.id(column)));
  const { rows } = await sql<{ n: string; r: string }>`SELECT count(*) OVER ()::text AS n, to_jsonb(d)::text AS r FROM (
      SELECT ${list} FROM ${sql.id(a, table)} EXCEPT ALL SELECT ${list} FROM ${sql.id(b, table)}) d
    ORDER BY to_jsonb(d)::text LIMIT ${limit}`.execute(db);
  return { count: Number(rows[0]?.n ?? 0), samples: rows.map((row) => row.r) };
};

/**
 * Compares every table of `projections` row for row between the live schema and the replay's,
 * by column name (a live table whose columns were added later may order them differently).
 * Run it inside a snapshot that also fixed the live checkpoints (see verifyReplay).
 */
export const compareReadModels = async (
  db: AnyKysely,
  projections: readonly Projection[],
  live: string,
  replay: string,
  sampleRows = 3,
): Promise<TableDiff[]> => {
  const diffs: TableDiff[] = [];
  for (const projection of projections) {
    for (const table of projection.tables) {
      const [liveColumns, replayColumns] = [await columnsOf(db, live, table), await columnsOf(db, replay, table)];
      const base = { projection: projection.name, table };
      if (liveColumns.join() !== replayColumns.join()) {
        diffs.push({ ...base, onlyLive: 0, onlyReplay: 0, samples: { live: [], replay: [] }, columns: { live: liveColumns, replay: replayColumns } });
        continue;
      }
      const onlyLive = await onlyIn(db, live, replay, table, replayColumns, sampleRows);
      const onlyReplay = await onlyIn(db, replay, live, table, replayColumns, sampleRows);
      if (onlyLive.count === 0 && onlyReplay.count === 0) continue;
      diffs.push({ ...base, onlyLive: onlyLive.count, onlyReplay: onlyReplay.count, samples: { live: onlyLive.samples, replay: onlyReplay.samples } });
    }
  }
  return diffs;
};
