import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { isPayGateError } from '@paygate/domain';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPool } from './create-pool.ts';
import { migrate, type Migration } from './migrate.ts';

const history = async (pool: pg.Pool, scope: string) =>
  (await pool.query<{ version: number; name: string }>('SELECT version, name FROM paygate_schema_migrations WHERE scope = $1 ORDER BY version', [scope])).rows;

describe('migrate (versioned, advisory-locked)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase('paygate_migrate');
    pool = createPool(db.url);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('applies migrations in version order, records them, and is idempotent', async () => {
    const migrations: Migration[] = [
      { version: 2, name: 'add column', sql: 'ALTER TABLE things ADD COLUMN label text' },
      { version: 1, name: 'create things', sql: 'CREATE TABLE things (id int PRIMARY KEY); INSERT INTO things VALUES (1)' },
    ];
    expect(await migrate(pool, 'ordered', migrations)).toEqual({ scope: 'ordered', applied: [1, 2] });
    expect(await history(pool, 'ordered')).toEqual([
      { version: 1, name: 'create things' },
      { version: 2, name: 'add column' },
    ]);
    expect(await migrate(pool, 'ordered', migrations)).toEqual({ scope: 'ordered', applied: [] });
    const { rows } = await pool.query('SELECT id, label FROM things');
    expect(rows).toEqual([{ id: 1, label: null }]);

    const more = [...migrations, { version: 3, name: 'fill label', sql: "UPDATE things SET label = 'x'" }];
    expect(await migrate(pool, 'ordered', more)).toEqual({ scope: 'ordered', applied: [3] });
  });

  it('rolls back a failing migration entirely and keeps the ones before it', async () => {
    const migrations: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE fine (id int)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE half (id int); SELECT * FROM no_such_table' },
    ];
    const error = await migrate(pool, 'failing', migrations).catch((e: unknown) => e);
    expect(isPayGateError(error) && error.kind).toBe('internal');
    expect(await history(pool, 'failing')).toEqual([{ version: 1, name: 'ok' }]);
    const { rows } = await pool.query("SELECT to_regclass('half') AS half, to_regclass('fine') AS fine");
    expect(rows[0]).toEqual({ half: null, fine: 'fine' });
  });

  it('applies each version exactly once when several processes migrate at the same time', async () => {
    await pool.query('CREATE TABLE applied_count (version int)');
    const migrations: Migration[] = [1, 2, 3].map((version) => ({
      version,
      name: `step ${version}`,
      // Not idempotent on purpose, and slow enough for the racers to overlap.
      sql: `SELECT pg_sleep(0.05); INSERT INTO applied_count VALUES (${version})`,
    }));
    const pools = [0, 1, 2, 3].map(() => createPool(db.url, { max: 2 }));
    try {
      const results = await Promise.all(pools.map((p) => migrate(p, 'racing', migrations)));
      expect(results.flatMap((r) => r.applied).sort()).toEqual([1, 2, 3]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    const { rows } = await pool.query('SELECT version, count(*)::int AS n FROM applied_count GROUP BY version ORDER BY version');
    expect(rows).toEqual([1, 2, 3].map((version) => ({ version, n: 1 })));
  });

  it('keeps scopes independent', async () => {
    const sql = (t: string) => `CREATE TABLE ${t} (id int)`;
    expect((await migrate(pool, 'scope_a', [{ version: 1, name: 'a', sql: sql('scoped_a') }])).applied).toEqual([1]);
    expect((await migrate(pool, 'scope_b', [{ version: 1, name: 'b', sql: sql('scoped_b') }])).applied).toEqual([1]);
  });

  it('refuses a history that disagrees with the code, and malformed migration lists', async () => {
    await migrate(pool, 'named', [{ version: 1, name: 'original', sql: 'SELECT 1' }]);
    await expect(migrate(pool, 'named', [{ version: 1, name: 'renamed', sql: 'SELECT 1' }])).rejects.toMatchObject({ kind: 'conflict' });
    await expect(
      migrate(pool, 'dupes', [
        { version: 1, name: 'a', sql: 'SELECT 1' },
        { version: 1, name: 'b', sql: 'SELECT 1' },
      ]),
    ).rejects.toMatchObject({ kind: 'validation' });
    await expect(migrate(pool, 'zero', [{ version: 0, name: 'a', sql: 'SELECT 1' }])).rejects.toMatchObject({ kind: 'validation' });
    await expect(migrate(pool, ' ', [])).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('createPool', () => {
  it('keeps BIGINT values as exact strings', async () => {
    const db = await createTestDatabase('paygate_pool');
    const pool = createPool(db.url);
    try {
      const { rows } = await pool.query<{ big: unknown }>('SELECT 9007199254740993::bigint AS big');
      expect(rows[0]?.big).toBe('9007199254740993');
      expect(BigInt(rows[0]?.big as string)).toBe(9_007_199_254_740_993n);
    } finally {
      await pool.end();
      await db.drop();
    }
  });

  it('reports an unreachable server as unavailable through migrate', async () => {
    const pool = createPool('postgres://postgres@127.0.0.1:1/none', { connectionTimeoutMillis: 1_000 });
    try {
      await expect(migrate(pool, 'x', [])).rejects.toMatchObject({ kind: 'unavailable' });
    } finally {
      await pool.end();
    }
  });
});
