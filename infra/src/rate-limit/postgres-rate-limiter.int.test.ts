import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPool } from '../postgres/index.ts';
import { createPostgresAuthLockout, createPostgresRateLimiter, migrateRateLimitTable, RATE_LIMIT_TABLE } from './index.ts';

// Each pool stands for one process: nothing is shared between them but the database.
let db: TestDatabase;
const pools: pg.Pool[] = [];
const aProcess = () => {
  const pool = createPool(db.url, { max: 2 });
  pools.push(pool);
  return pool;
};
const ready = async () => {};
let n = 0;
const uniqueBudget = () => `test-budget-${++n}`;

beforeAll(async () => {
  db = await createTestDatabase('paygate_rate_limit');
  await migrateRateLimitTable(aProcess());
});
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await db?.drop();
});

describe('PostgreSQL rate limits', () => {
  it('two processes share one budget', async () => {
    const name = uniqueBudget();
    const a = createPostgresRateLimiter({ pool: aProcess(), ready, name, points: 3, durationSeconds: 60 });
    const b = createPostgresRateLimiter({ pool: aProcess(), ready, name, points: 3, durationSeconds: 60 });
    expect((await a.take('203.0.113.1')).allowed).toBe(true);
    expect((await b.take('203.0.113.1')).allowed).toBe(true);
    expect((await a.take('203.0.113.1')).allowed).toBe(true);
    const refused = await b.take('203.0.113.1');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    // Other keys and other budgets are untouched.
    expect((await b.take('203.0.113.2')).allowed).toBe(true);
    expect((await createPostgresRateLimiter({ pool: aProcess(), ready, name: uniqueBudget(), points: 1, durationSeconds: 60 }).take('203.0.113.1')).allowed).toBe(true);
  });

  it('a process started after a restart still sees the count', async () => {
    const name = uniqueBudget();
    const before = aProcess();
    const first = createPostgresRateLimiter({ pool: before, ready, name, points: 2, durationSeconds: 60 });
    await first.take('k');
    await first.take('k');
    await before.end();
    pools.splice(pools.indexOf(before), 1);
    const afterRestart = createPostgresRateLimiter({ pool: aProcess(), ready, name, points: 2, durationSeconds: 60 });
    expect((await afterRestart.take('k')).allowed).toBe(false);
  });

  it('the window ends: the key may go again', async () => {
    const limiter = createPostgresRateLimiter({ pool: aProcess(), ready, name: uniqueBudget(), points: 1, durationSeconds: 1 });
    expect((await limiter.take('k')).allowed).toBe(true);
    const refused = await limiter.take('k');
    expect(refused).toMatchObject({ allowed: false });
    if (!refused.allowed) expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await limiter.take('k')).allowed).toBe(true);
  });

  it('counts keyed by budget, never holding anything but the key given', async () => {
    const name = uniqueBudget();
    await createPostgresRateLimiter({ pool: aProcess(), ready, name, points: 5, durationSeconds: 60 }).take('198.51.100.4');
    const { rows } = await pools[0]!.query<{ key: string; points: number }>(`SELECT key, points FROM ${RATE_LIMIT_TABLE} WHERE key LIKE $1`, [`${name}:%`]);
    expect(rows).toEqual([{ key: `${name}:198.51.100.4`, points: 1 }]);
  });
});

describe('PostgreSQL auth lockout', () => {
  const policy = { maxFailures: 3, windowSeconds: 60, lockSeconds: 120 };

  it('locks an address out after maxFailures, across processes and restarts, for lockSeconds', async () => {
    const name = uniqueBudget();
    const a = createPostgresAuthLockout({ pool: aProcess(), ready, name, ...policy });
    const b = createPostgresAuthLockout({ pool: aProcess(), ready, name, ...policy });
    expect(await a.lockedFor('192.0.2.1')).toBe(0);
    expect(await a.recordFailure('192.0.2.1')).toBe(0);
    expect(await b.recordFailure('192.0.2.1')).toBe(0);
    expect(await b.lockedFor('192.0.2.1')).toBe(0);
    expect(await a.recordFailure('192.0.2.1')).toBe(120_000);
    for (const lockout of [a, b, createPostgresAuthLockout({ pool: aProcess(), ready, name, ...policy })]) {
      const locked = await lockout.lockedFor('192.0.2.1');
      expect(locked).toBeGreaterThan(110_000);
      expect(locked).toBeLessThanOrEqual(120_000);
    }
    expect(await a.lockedFor('192.0.2.2')).toBe(0);
  });
});
