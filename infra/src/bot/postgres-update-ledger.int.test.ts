import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createUpdateProcessor } from '@paygate/bot';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPool } from '../postgres/index.ts';
import { migrateBotTables } from './bot-tables.ts';
import { createPostgresUpdateLedger } from './postgres-update-ledger.ts';

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('paygate_bot_ledger');
  pool = createPool(db.url, { max: 4 });
  await migrateBotTables(pool);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('PostgreSQL update ledger', () => {
  it('migrates idempotently', async () => {
    expect((await migrateBotTables(pool)).applied).toEqual([]);
  });

  it('claims once; a copy is a duplicate, also for another ledger instance (a restarted process)', async () => {
    const first = createPostgresUpdateLedger(pool);
    expect(await first.claim(1, 100)).toBe('claimed');
    expect(await first.claim(1, 100)).toBe('duplicate');
    await first.complete(1, 100);
    const restarted = createPostgresUpdateLedger(pool);
    expect(await restarted.claim(1, 100)).toBe('duplicate');
    expect(await restarted.claim(2, 100)).toBe('claimed');
  });

  it('concurrent claims of one update: exactly one wins', async () => {
    const ledgers = Array.from({ length: 8 }, () => createPostgresUpdateLedger(pool));
    const results = await Promise.all(ledgers.map((ledger) => ledger.claim(1, 200)));
    expect(results.filter((result) => result === 'claimed')).toHaveLength(1);
  });

  it('a released claim can be taken again; a stale claim is taken over; a done update never', async () => {
    const ledger = createPostgresUpdateLedger(pool, { staleAfterMs: 200 });
    expect(await ledger.claim(1, 300)).toBe('claimed');
    await ledger.release(1, 300);
    expect(await ledger.claim(1, 300)).toBe('claimed');
    expect(await ledger.claim(1, 300)).toBe('duplicate');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ledger.claim(1, 300)).toBe('claimed');
    await ledger.complete(1, 300);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ledger.claim(1, 300)).toBe('duplicate');
    await ledger.release(1, 300);
    expect(await ledger.claim(1, 300)).toBe('duplicate');
  });

  it('through the processor: one handling per update across processes; prune forgets old done rows only', async () => {
    let handled = 0;
    const processFor = () => createUpdateProcessor({ ledger: createPostgresUpdateLedger(pool), botId: () => 3, handle: async () => void handled++, logger: silent });
    const [a, b] = [processFor(), processFor()];
    const outcomes = await Promise.all([a({ update_id: 1 }), b({ update_id: 1 }), a({ update_id: 1 }), b({ update_id: 2 })]);
    expect(outcomes.filter((outcome) => outcome === 'handled')).toHaveLength(2);
    expect(handled).toBe(2);
    const ledger = createPostgresUpdateLedger(pool);
    expect(await ledger.prune(60_000)).toBe(0);
    await pool.query(`UPDATE paygate_bot_updates SET done_at = now() - interval '2 days' WHERE bot_id = 3 AND update_id = 1`);
    expect(await ledger.prune(86_400_000)).toBe(1);
    expect(await ledger.claim(3, 2)).toBe('duplicate');
  });

  it('an unreachable database is "unavailable" (the webhook answers 503 and Telegram retries)', async () => {
    const dead = createPool('postgres://postgres@127.0.0.1:1/none', { max: 1, connectionTimeoutMillis: 500 });
    await expect(createPostgresUpdateLedger(dead).claim(1, 1)).rejects.toMatchObject({ kind: 'unavailable' });
    await dead.end();
  });
});
