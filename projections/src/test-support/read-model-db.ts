import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { balancesProjection } from '../balances/index.ts';
import { channelsProjection } from '../channels/index.ts';
import { invoicesProjection } from '../invoices/index.ts';
import { paymentsProjection } from '../payments/index.ts';
import { payoutsProjection } from '../payouts/index.ts';
import type { AnyKysely } from '../runner/index.ts';
import { splitsProjection } from '../splits/index.ts';
import { subscriptionsProjection } from '../subscriptions/index.ts';

export type ReadModelDb = { db: AnyKysely; schema: string; url: string; close(): Promise<void> };

/**
 * A throwaway database with the tables of the read models the dashboard queries, empty: query
 * tests write the rows they need (read-model-rows.ts) instead of folding events, so each test
 * states exactly which rows exist.
 */
export const startReadModelDb = async (prefix: string, schema = 'read_model'): Promise<ReadModelDb> => {
  const database: TestDatabase = await createTestDatabase(prefix);
  const db: AnyKysely = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 4 }) }) });
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  for (const projection of [channelsProjection, invoicesProjection, paymentsProjection, splitsProjection, payoutsProjection, balancesProjection, subscriptionsProjection]) {
    for (const statement of projection.ddl(schema)) await sql.raw(statement).execute(db);
  }
  return {
    db,
    schema,
    url: database.url,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
};
