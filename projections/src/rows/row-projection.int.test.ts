import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import type { AnyKysely } from '../runner/index.ts';
import { applyRowBatch, type RowProjection } from './row-projection.ts';

// A batch folds over the stored rows it touches and writes back in single statements: composite
// keys, exact amounts beyond 2^53, arrays, timestamps and deletes survive the round trip.
const SCHEMA = 'rows_test';
let database: TestDatabase;
let db: AnyKysely;

type Data = { ledger: string; n: number; amount?: string; drop?: boolean };
const ledgerRows: RowProjection = {
  name: 'ledger',
  version: 1,
  keys: { entries: ['ledger', 'n'] },
  ddl: (schema) => [
    `CREATE TABLE IF NOT EXISTS "${schema}".entries (ledger text NOT NULL, n integer NOT NULL, amount numeric(78,0) NOT NULL,
      tags text[] NOT NULL, seen_at timestamptz NOT NULL, PRIMARY KEY (ledger, n))`,
  ],
  handles: ['Entry'],
  touches: (event) => [{ table: 'entries', key: { ledger: (event.data as Data).ledger, n: (event.data as Data).n } }],
  evolve: (rows, event) => {
    const { ledger, n, amount, drop } = event.data as Data;
    const row = rows.get('entries', { ledger, n });
    if (drop) return rows.delete('entries', { ledger, n });
    const total = BigInt((row?.amount as string | undefined) ?? 0) + BigInt(amount ?? 0);
    rows.put('entries', { ledger, n, amount: total, tags: [...((row?.tags as string[] | undefined) ?? []), event.id], seen_at: event.recordedAt.toISOString() });
  },
};

let position = 0n;
const entry = (data: Data): RecordedEvent => {
  position += 1n;
  return { id: `e${position}`, type: 'Entry', data, metadata: {}, streamId: 'l', streamRevision: position, position: { commit: position, prepare: 0n }, recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(position))) };
};
const apply = (...events: RecordedEvent[]) => db.transaction().execute((trx) => applyRowBatch(ledgerRows, trx.withSchema(SCHEMA), events, SCHEMA));
const stored = async () => (await sql<Record<string, unknown>>`SELECT ledger, n, amount::text, tags, seen_at FROM rows_test.entries ORDER BY ledger, n`.execute(db)).rows;

beforeAll(async () => {
  database = await createTestDatabase('paygate_rows');
  db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) });
  await sql.raw(`CREATE SCHEMA ${SCHEMA}`).execute(db);
  for (const statement of ledgerRows.ddl(SCHEMA)) await sql.raw(statement).execute(db);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('row projection batches on PostgreSQL', () => {
  it('folds a batch over composite keys and writes exact amounts, arrays and timestamps', async () => {
    await apply(entry({ ledger: 'a', n: 1, amount: '9007199254740993' }), entry({ ledger: 'a', n: 1, amount: '1' }), entry({ ledger: 'b', n: 1, amount: '5' }));
    expect(await stored()).toEqual([
      { ledger: 'a', n: 1, amount: '9007199254740994', tags: ['e1', 'e2'], seen_at: new Date(Date.UTC(2026, 0, 1, 0, 0, 2)) },
      { ledger: 'b', n: 1, amount: '5', tags: ['e3'], seen_at: new Date(Date.UTC(2026, 0, 1, 0, 0, 3)) },
    ]);
  });

  it('the next batch starts from the stored rows; a deleted row is gone, one created and deleted in the batch never appears', async () => {
    await apply(entry({ ledger: 'a', n: 1, amount: '6' }), entry({ ledger: 'b', n: 1, drop: true }), entry({ ledger: 'c', n: 2, amount: '1' }), entry({ ledger: 'c', n: 2, drop: true }));
    expect(await stored()).toEqual([{ ledger: 'a', n: 1, amount: '9007199254741000', tags: ['e1', 'e2', 'e4'], seen_at: new Date(Date.UTC(2026, 0, 1, 0, 0, 4)) }]);
  });

  it('a batch that fails in the database changes nothing', async () => {
    const before = await stored();
    const bad = { ...entry({ ledger: 'a', n: 1, amount: '1' }), id: 'x'.repeat(10) };
    const broken: RowProjection = { ...ledgerRows, evolve: (rows, event) => rows.put('entries', { ledger: 'z', n: 'not a number', amount: '1', tags: [event.id], seen_at: 'x' }) };
    await expect(db.transaction().execute((trx) => applyRowBatch(broken, trx.withSchema(SCHEMA), [bad], SCHEMA))).rejects.toThrow();
    expect(await stored()).toEqual(before);
  });
});
