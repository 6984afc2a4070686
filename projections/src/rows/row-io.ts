import { sql, type QueryCreator, type RawBuilder } from 'kysely';
import type { Row, TableChanges } from './row-set.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are named at run time
type Db = QueryCreator<any>;

/** Timestamps come back from pg as Date; rows keep ISO text so they compare like the events' fields. */
const plain = (row: Row): Row => {
  const result: Row = {};
  for (const [column, value] of Object.entries(row)) result[column] = value instanceof Date ? value.toISOString() : value;
  return result;
};

/** Rows as one jsonb parameter (bigint amounts as exact decimal text); PostgreSQL reads them with the table's own column types. */
const asRecords = (schema: string, table: string, rows: readonly Row[]): RawBuilder<unknown> =>
  sql`jsonb_populate_recordset(NULL::${sql.id(schema, table)}, ${JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}::jsonb)`;

const columnList = (columns: readonly string[]) => sql.join(columns.map((column) => sql.id(column)));

/** `table.k1 = k.k1 AND …`: the stored row matches a key record `k`. */
const matchesKey = (table: string, key: readonly string[]) =>
  sql.join(key.map((column) => sql`${sql.id(table, column)} = k.${sql.id(column)}`), sql` AND `);

/**
 * The stored rows with these keys: one statement with one parameter, however many keys (a
 * batch's rows cost one round trip, not one per event). `db` is scoped to `schema` already;
 * the schema is named only for the record type, which kysely's withSchema does not rewrite.
 */
export const loadRows = async (db: Db, schema: string, table: string, key: readonly string[], keys: readonly Row[]): Promise<Row[]> => {
  const rows = await db
    .selectFrom(table)
    .selectAll()
    .where(sql<boolean>`EXISTS (SELECT 1 FROM ${asRecords(schema, table, keys)} k WHERE ${matchesKey(table, key)})`)
    .execute();
  return rows.map((row) => plain(row as Row));
};

/** Writes a batch's changes to one table: one multi-row upsert and one delete, each a single statement. */
export const writeRows = async (db: Db, schema: string, table: string, key: readonly string[], { upserts, deletes }: TableChanges): Promise<void> => {
  if (upserts.length > 0) {
    const columns = [...new Set(upserts.flatMap((row) => Object.keys(row)))];
    const updated = columns.filter((column) => !key.includes(column));
    await db
      .insertInto(table)
      .columns(columns as never)
      .expression(sql`SELECT ${columnList(columns)} FROM ${asRecords(schema, table, upserts)}`)
      .onConflict((oc) => {
        const target = oc.columns(key as never);
        return updated.length === 0
          ? target.doNothing()
          : target.doUpdateSet(Object.fromEntries(updated.map((column) => [column, sql.ref(`excluded.${column}`)])) as never);
      })
      .execute();
  }
  if (deletes.length > 0) {
    await db
      .deleteFrom(table)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM ${asRecords(schema, table, deletes)} k WHERE ${matchesKey(table, key)})`)
      .execute();
  }
};
