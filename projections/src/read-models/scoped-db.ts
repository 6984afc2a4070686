import type { Kysely } from 'kysely';
import type { AnyKysely } from '../runner/index.ts';

/** Queries take any Kysely and the schema the read models were projected into (live, or a rebuild). */
export const scopedTo = <DB>(db: AnyKysely, schema: string): Kysely<DB> => (db as Kysely<DB>).withSchema(schema);
