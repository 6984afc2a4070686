// The backup and restore drill of docs/audit.md, run for real: dump the event store of a database
// with a realistic log and live read models, restore it into a fresh database, and show that the
// restored log verifies, replays and rebuilds read models equal to the originals.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type AnyKysely } from '@paygate/projections';
import { paygateCli } from '../cli/test-support/run-paygate-cli.ts';
import { createPostgresEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';
import { createRoleDatabase, type RoleDatabase } from '../postgres/test-support/role-database.ts';
import { startReadSide } from '../read-side/read-side-harness.ts';
import { seedScenario } from '../read-side/read-side-scenario.ts';
import { verifyLog } from './chain/index.ts';
import { seedLedgerScenario } from './export/test-support/ledger-scenario.ts';
import { createMoneyFlow } from './export/test-support/money-flow.ts';

const run = promisify(execFile);
const missingTool = ['pg_dump', 'pg_restore'].find((tool) => spawnSync(tool, ['--version']).error !== undefined);

/** The drill's commands, exactly as docs/audit.md gives them to an operator. */
const dumpEventStore = (databaseUrl: string, file: string) => run('pg_dump', ['--format=custom', '--schema=public', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${databaseUrl}`]);
const restoreEventStore = (databaseUrl: string, file: string) =>
  run('pg_restore', ['--exit-on-error', '--single-transaction', '--clean', '--if-exists', '--no-owner', '--no-privileges', `--dbname=${databaseUrl}`, file]);

/** Every row of a read-model table as JSON text, sorted: two databases compared as multisets. */
const rowsOf = async (db: AnyKysely, table: string): Promise<string[]> =>
  (await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.id(DEFAULT_READ_MODEL_SCHEMA, table)} t`.execute(db)).rows.map((r) => r.row).sort();

describe.skipIf(missingTool !== undefined)(`backup and restore drill (real PostgreSQL${missingTool ? `; skipped: ${missingTool} is not on PATH` : ''})`, () => {
  let source: Awaited<ReturnType<typeof startReadSide>>;
  let restored: RoleDatabase;
  let pool: pg.Pool;
  let db: AnyKysely;
  const dump = path.join(mkdtempSync(path.join(tmpdir(), 'paygate-drill-')), 'event-store.dump');
  const atSource = (...argv: string[]) => paygateCli(() => ({ DATABASE_URL: source.database.url, LOG_LEVEL: 'silent' }))(...argv);
  // As a deployment runs: the app role, with the owner role for migrations.
  const atRestored = (...argv: string[]) => paygateCli(() => ({ DATABASE_URL: restored.appUrl, DATABASE_OWNER_URL: restored.ownerUrl, LOG_LEVEL: 'silent' }))(...argv);

  beforeAll(async () => {
    source = await startReadSide('paygate_drill_source');
    expect(await atSource('migrate')).toMatchObject({ code: 0 }); // every table PayGate keeps, as a deployment has them
    await seedScenario(source.commands);
    await seedLedgerScenario(createMoneyFlow(source.eventStore));
    await source.settle();
    // A fresh database owned by its owner role, with an app role, as docs/operations.md sets one up.
    restored = await createRoleDatabase('paygate_drill_restored');
    pool = createPool(restored.superUrl, { max: 4 });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  }, 60_000);
  afterAll(async () => {
    await db?.destroy(); // ends the pool
    await restored?.drop();
    await source?.close();
  });

  it('the dump holds the event store (events, streams, log head, migration history, append functions) and no read model', async () => {
    await dumpEventStore(source.database.url, dump);
    const { stdout: contents } = await run('pg_restore', ['--list', dump]);
    for (const name of ['TABLE public paygate_events', 'TABLE public paygate_streams', 'TABLE public paygate_log_head', 'TABLE public paygate_schema_migrations', 'FUNCTION public paygate_append(', 'TRIGGER public paygate_events paygate_events_no_update_delete']) {
      expect(contents).toContain(name);
    }
    expect(contents).toContain('TABLE DATA public paygate_events');
    expect(contents).not.toContain(DEFAULT_READ_MODEL_SCHEMA);
  });

  it('restored into a fresh database, `paygate audit verify` passes against the anchors taken before the dump: the same chain, event for event', async () => {
    const anchors = path.join(path.dirname(dump), 'anchors.jsonl');
    expect(await atSource('audit', 'verify', '--anchors-out', anchors)).toMatchObject({ code: 0, stderr: '' });
    await restoreEventStore(restored.ownerUrl, dump);
    const verified = await atRestored('audit', 'verify', '--anchors', anchors);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toContain('the chain is intact');
    const [before, after] = [await verifyLog(source.pool), await verifyLog(pool)];
    expect(after).toMatchObject({ intact: true, problems: [], events: before.events, streams: before.streams });
    expect(after.events).toBeGreaterThan(100);
    // The same last event with the same chain hash (the anchor's `at` is when each verification ran).
    expect(after.head).toEqual({ ...before.head, at: after.head!.at });
    // The owner role owns what it restored; the app role may read the log and append only through paygate_append.
    const owners = await restored.asSuperuser<{ owner: string }>("SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'");
    expect(owners.rows).toEqual([{ owner: restored.ownerRole }]);
    const may = await restored.asSuperuser(
      `SELECT has_table_privilege('${restored.appRole}', 'paygate_events', 'SELECT') AS read, has_table_privilege('${restored.appRole}', 'paygate_events', 'INSERT') AS write`,
    );
    expect(may.rows).toEqual([{ read: true, write: false }]);
  });

  it('PayGate starts on the restored database: migrate finds the event store current, the projector rebuilds every read model, and `paygate replay --verify` agrees with it', async () => {
    expect(await atRestored('migrate')).toMatchObject({ code: 0, stderr: '' });
    const eventStore = createPostgresEventStore({ pool });
    const runner = createProjectionRunner({ db, eventStore, projection: readModelProjections, schema: DEFAULT_READ_MODEL_SCHEMA });
    await runner.start();
    try {
      await runner.waitFor((await eventStore.readAll()).at(-1)!.position, 30_000);
    } finally {
      await runner.stop();
      await eventStore.close();
    }
    const replay = await atRestored('replay', '--verify');
    expect(replay).toMatchObject({ code: 0 });
    expect(replay.stdout).toContain('read models equal');
  });

  it('the read models rebuilt from the restored log equal the originals, row for row, table by table', async () => {
    for (const projection of readModelProjections) {
      for (const table of projection.tables) {
        const original = await rowsOf(source.db, table);
        expect(await rowsOf(db, table), `${projection.name}.${table}`).toEqual(original);
      }
    }
    expect((await rowsOf(db, 'payments')).length).toBeGreaterThan(20);
  });

  it('the books are the same: ledger check balances and the ledger export is identical before and after', async () => {
    expect(await atRestored('ledger', 'check')).toMatchObject({ code: 0, stderr: '' });
    const [before, after] = [await atSource('audit', 'export', '--format', 'json'), await atRestored('audit', 'export', '--format', 'json')];
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(after.stdout).toBe(before.stdout);
  });

  it('appends go on after the restored log: the next event sorts after every restored one and the chain still verifies', async () => {
    const eventStore = createPostgresEventStore({ pool });
    try {
      const last = (await eventStore.readAll()).at(-1)!;
      await createMoneyFlow(eventStore).pay('after-restore', 'ch-a', '1001', 1_000_000n, 250);
      const next = (await eventStore.readAll({ after: last.position })).map((event) => event.streamId);
      expect(next).toEqual(['payment-after-restore', 'split-after-restore']);
    } finally {
      await eventStore.close();
    }
    expect(await verifyLog(pool)).toMatchObject({ intact: true, problems: [] });
  });
});
