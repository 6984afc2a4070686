import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createDefaultCommandRegistry, runCli, type CliIo } from './index.ts';

describe('paygate migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('paygate_migrate');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('applies the event store schema, is idempotent, and reports as JSON', async () => {
    for (let run = 0; run < 2; run++) {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: { DATABASE_URL: db.url, LOG_LEVEL: 'silent' } };
      expect(await runCli(['migrate', '--json'], io, createDefaultCommandRegistry())).toBe(0);
      expect(err.join('')).toBe('');
      expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, eventStore: 'postgres' });
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(
        "SELECT count(*) FROM paygate_schema_migrations WHERE scope = 'paygate_event_store'",
      );
      expect(Number(rows[0]?.count)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('fails with exit 1 and one line when the database is unreachable', async () => {
    const err: string[] = [];
    const io: CliIo = {
      stdout: () => {},
      stderr: (t) => void err.push(t),
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', LOG_LEVEL: 'silent' },
    };
    expect(await runCli(['migrate'], io, createDefaultCommandRegistry())).toBe(1);
    expect(err.join('')).toMatch(/^error: .+\n$/);
  });
});
