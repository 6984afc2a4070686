import type { EventStore } from '@paygate/domain';
import { rebuildProjection, type Projection } from '@paygate/projections';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';

/** A small ledger-like read model: one upsert per event, like the real projections. */
const accountTotals: Projection = {
  name: 'bench_account_totals',
  version: 1,
  tables: ['bench_account_totals'],
  handles: ['SeedCredited', 'SeedDebited'],
  ddl: (schema) => [
    `CREATE TABLE IF NOT EXISTS "${schema}".bench_account_totals (account text PRIMARY KEY, credited numeric NOT NULL, debited numeric NOT NULL, events bigint NOT NULL)`,
  ],
  apply: async (db, event) => {
    const { account, amount } = event.data as { account: string; amount: string };
    const credit = event.type === 'SeedCredited' ? amount : '0';
    const debit = event.type === 'SeedDebited' ? amount : '0';
    await db
      .insertInto('bench_account_totals')
      .values({ account, credited: credit, debited: debit, events: 1 })
      .onConflict((oc) =>
        oc.column('account').doUpdateSet((eb) => ({
          credited: eb('bench_account_totals.credited', '+', eb.ref('excluded.credited')),
          debited: eb('bench_account_totals.debited', '+', eb.ref('excluded.debited')),
          events: eb('bench_account_totals.events', '+', 1),
        })),
      )
      .execute();
  },
};

export const benchProjectionRebuild = async (pool: pg.Pool, eventStore: EventStore) => {
  const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) });
  const started = performance.now();
  const result = await rebuildProjection({ db, eventStore, projection: accountTotals, schema: 'bench_rebuild' });
  return { count: result.events, perSecond: (result.events * 1000) / (performance.now() - started) };
};
