import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Row, TableChanges } from './row-set.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are named at run time
type Db = Kysely<any>;

export type TableLoad = { table: string; key: readonly string[]; keys: readonly Row[] };
export type TableWrite = { table: string; key: readonly string[]; changes: TableChanges };

/** Rows as one jsonb parameter (bigint amounts as exact decimal text); PostgreSQL reads them with the table's own column types. */
const asRecords = (schema: string, table: string, rows: readonly Row[]): RawBuilder<unknown> =>
  sql`jsonb_populate_recordset(NULL::${sql.id(schema, table)}, ${JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}::jsonb)`;

const columnList = (columns: readonly string[]) => sql.join(columns.map((column) => sql.id(column)));

/** `x.k1 = k.k1 AND …`: the stored row `x` matches a key record `k`. */
const matchesKey = (key: readonly string[]) => sql.join(key.map((column) => sql`x.${sql.id(column)} = k.${sql.id(column)}`), sql` AND `);

/** JSON numbers keep their exact text (numeric(78,0) amounts exceed 2^53); timestamps stay ISO text. */
const parseRow = (text: string): Row => JSON.parse(text, (_key, value: unknown, context?: { source?: string }) => (typeof value === 'number' ? (context?.source ?? String(value)) : value)) as Row;

/**
 * The stored rows with these keys, from every table at once: one statement, one jsonb parameter
 * per table, however many events the batch has.
 */
export const loadTables = async (db: Db, schema: string, loads: readonly TableLoad[]): Promise<Map<string, Row[]>> => {
  const found = new Map<string, Row[]>(loads.map(({ table }) => [table, []]));
  if (loads.length === 0) return found;
  const selects = loads.map(
    ({ table, key, keys }) => sql`SELECT ${table}::text AS t, to_jsonb(x)::text AS r FROM ${sql.id(schema, table)} x
      WHERE EXISTS (SELECT 1 FROM ${asRecords(schema, table, keys)} k WHERE ${matchesKey(key)})`,
  );
  const { rows } = await sql<{ t: string; r: string }>`${sql.join(selects, sql` UNION ALL `)}`.execute(db);
  for (const { t, r } of rows) found.get(t)!.push(parseRow(r));
  return found;
};

const upsert = (schema: string, { table, key, changes }: TableWrite) => {
  const columns = [...new Set(changes.upserts.flatMap((row) => Object.keys(row)))];
  const updated = columns.filter((column) => !key.includes(column));
  const onConflict =
    updated.length === 0 ? sql`DO NOTHING` : sql`DO UPDATE SET ${sql.join(updated.map((column) => sql`${sql.id(column)} = EXCLUDED.${sql.id(column)}`))}`;
  return sql`INSERT INTO ${sql.id(schema, table)} AS x (${columnList(columns)})
    SELECT ${columnList(columns)} FROM ${asRecords(schema, table, changes.upserts)} ON CONFLICT (${columnList(key)}) ${onConflict}`;
};

const remove = (schema: string, { table, key, changes }: TableWrite) =>
  sql`DELETE FROM ${sql.id(schema, table)} x USING ${asRecords(schema, table, changes.deletes)} k WHERE ${matchesKey(key)}`;

/**
 * Writes a batch's changes to every table in one statement: a multi-row upsert and a delete per
 * table, as data-modifying CTEs (a key is either upserted or deleted, never both).
 */
export const writeTables = async (db: Db, schema: string, writes: readonly TableWrite[]): Promise<void> => {
  const statements = writes.flatMap((write) => [
    ...(write.changes.upserts.length > 0 ? [upsert(schema, write)] : []),
    ...(write.changes.deletes.length > 0 ? [remove(schema, write)] : []),
  ]);
  if (statements.length === 0) return;
  if (statements.length === 1) {
    await statements[0]!.execute(db);
    return;
  }
  const ctes = statements.map((statement, index) => sql`${sql.id(`w${index}`)} AS (${statement})`);
  await sql`WITH ${sql.join(ctes)} SELECT 1`.execute(db);
};
