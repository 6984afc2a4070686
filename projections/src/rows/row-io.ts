import type { QueryCreator } from 'kysely';
import type { Row, TableChanges } from './row-set.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are named at run time
type Db = QueryCreator<any>;

/** PostgreSQL takes at most 65,535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
};

/** Timestamps come back from pg as Date; rows keep ISO text so they compare like the events' fields. */
const plain = (row: Row): Row => {
  const result: Row = {};
  for (const [column, value] of Object.entries(row)) result[column] = value instanceof Date ? value.toISOString() : value;
  return result;
};

const keyFilter = (key: readonly string[], keys: readonly Row[]) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a tuple of run-time columns
  (eb: any) =>
    key.length === 1
      ? eb(key[0], 'in', keys.map((row) => row[key[0]!]))
      : eb(eb.refTuple(...key), 'in', keys.map((row) => eb.tuple(...key.map((column) => row[column]))));

/** The stored rows with these keys, one query per chunk. */
export const loadRows = async (db: Db, table: string, key: readonly string[], keys: readonly Row[]): Promise<Row[]> => {
  const rows: Row[] = [];
  for (const chunk of chunks(keys, Math.floor(MAX_PARAMETERS / key.length))) {
    const found = await db.selectFrom(table).selectAll().where(keyFilter(key, chunk)).execute();
    for (const row of found) rows.push(plain(row as Row));
  }
  return rows;
};

/** Writes a batch's changes to one table: a multi-row upsert and a delete, each chunked. */
export const writeRows = async (db: Db, table: string, key: readonly string[], { upserts, deletes }: TableChanges): Promise<void> => {
  if (upserts.length > 0) {
    const columns = [...new Set(upserts.flatMap((row) => Object.keys(row)))];
    const updated = columns.filter((column) => !key.includes(column));
    for (const chunk of chunks(upserts, Math.floor(MAX_PARAMETERS / columns.length))) {
      await db
        .insertInto(table)
        .values(chunk)
        .onConflict((oc) => {
          const target = oc.columns(key as never);
          return updated.length === 0
            ? target.doNothing()
            // eslint-disable-next-line @typescript-eslint/no-explicit-any -- run-time columns
            : target.doUpdateSet(Object.fromEntries(updated.map((column) => [column, (eb: any) => eb.ref(`excluded.${column}`)])));
        })
        .execute();
    }
  }
  for (const chunk of chunks(deletes, Math.floor(MAX_PARAMETERS / key.length))) {
    await db.deleteFrom(table).where(keyFilter(key, chunk)).execute();
  }
};
