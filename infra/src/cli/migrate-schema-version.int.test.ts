import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelProjections } from '@paygate/projections';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../config/index.ts';
import { createPlatform } from '../runtime/platform.ts';
import { knownMigrationSets } from '../runtime/migration-steps.ts';
import { cleanEnv, exitWithin, spawnPaygate } from './test-support/spawn-paygate.ts';
import { paygateCli } from './test-support/run-paygate-cli.ts';

type Plan = { dryRun: true; pending: { scope: string; version: number; name: string }[]; readModels: { projection: string; action: string }[] };

let db: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  db = await createTestDatabase('paygate_schema_version');
  dataDir = await mkdtemp(join(tmpdir(), 'paygate-schema-version-'));
});
afterAll(async () => {
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', PAYGATE_DATA_DIR: dataDir });
const paygate = paygateCli(env);

const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
};

const dryRun = async (): Promise<Plan> => {
  const { code, stdout, stderr } = await paygate('migrate', '--dry-run', '--json');
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as Plan;
};

// Counted from the code, never hard-coded: migrations are added over time.
const sets = knownMigrationSets();
const eventStore = sets.find((each) => each.scope === 'paygate_event_store')!;
const latest = Math.max(...eventStore.migrations.map((migration) => migration.version));

describe('forward-only migrations: migrate --dry-run and the schema-version check (real PostgreSQL)', () => {
  it('a dry run on a fresh database lists every migration and read model, and applies none', async () => {
    const plan = await dryRun();
    expect(plan.pending).toHaveLength(sets.reduce((sum, each) => sum + each.migrations.length, 0));
    expect(plan.pending.filter((each) => each.scope === 'paygate_event_store').map((each) => each.version)).toEqual(eventStore.migrations.map((m) => m.version).sort((a, b) => a - b));
    expect(plan.readModels.map((each) => [each.projection, each.action])).toEqual(readModelProjections.map((projection) => [projection.name, 'create']));
    const [tables] = await query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    expect(tables!.n).toBe(0);
    const text = await paygate('migrate', '--dry-run');
    expect(text.stdout).toContain(`would apply paygate_event_store v${latest}: ${eventStore.migrations.find((m) => m.version === latest)!.name}`);
  });

  it('after migrate, a dry run lists nothing', async () => {
    expect((await paygate('migrate')).code).toBe(0);
    expect(await dryRun()).toEqual({ dryRun: true, pending: [], readModels: [], freshEmbedded: false });
    expect((await paygate('migrate', '--dry-run')).stdout).toBe('dry run: the database is up to date, nothing to apply\n');
  });

  it('a database with a future migration is refused by migrate, the dry run, every role and paygate start', async () => {
    await query('INSERT INTO paygate_schema_migrations (scope, version, name) VALUES ($1, $2, $3)', ['paygate_event_store', latest + 1, 'from a newer PayGate']);
    const message = `database schema is at paygate_event_store v${latest + 1}, this PayGate knows up to v${latest}: upgrade PayGate`;
    for (const argv of [['migrate'], ['migrate', '--dry-run']]) {
      const result = await paygate(...argv);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
    }
    await expect(createPlatform(loadConfig(env()))).rejects.toThrow(message);

    const start = spawnPaygate(['start', '--roles', 'api'], cleanEnv({ ...env(), PORT: '0' }));
    const exited = await exitWithin(start.exited, 60_000, 'paygate start on a newer schema').catch((error: unknown) => {
      start.child.kill('SIGKILL');
      throw error;
    });
    expect(exited.code).toBe(1);
    expect(start.stderr()).toContain(`error: PayGate failed to start: ${message}`);
    // Nothing was applied past the refusal: the history still ends at the row we added.
    const [row] = await query<{ n: number }>("SELECT count(*)::int AS n FROM paygate_schema_migrations WHERE scope = 'paygate_event_store'");
    expect(row!.n).toBe(eventStore.migrations.length + 1);
  });
});
