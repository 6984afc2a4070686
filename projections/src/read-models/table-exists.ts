import { sql } from 'kysely';
import type { AnyKysely } from '../runner/index.ts';
import { qualifiedTable } from './sql-names.ts';

/** Whether a read-model table exists yet: a projector creates it on its first run, so a reader may come first. */
export const readModelTableExists = async (db: AnyKysely, schema: string, table: string): Promise<boolean> => {
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass(${qualifiedTable(schema, table)}) IS NOT NULL AS present`.execute(db);
  return rows[0]?.present === true;
};
