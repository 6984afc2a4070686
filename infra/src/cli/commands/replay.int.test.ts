import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { compareReadModels, createProjectionRunner, readModelProjections, runReplay, startShadowReplay, verifyReplay } from '@paygate/projections';
import { LIVE_SCHEMA, startReadSide, type ReadSideHarness } from '../../read-side/read-side-harness.ts';
import { seedScenario } from '../../read-side/read-side-scenario.ts';
import type { TestDatabase } from '@paygate/testkit';
import { paygateCli } from '../test-support/run-paygate-cli.ts';
import { REPLAY_SCHEMA } from './replay.ts';

let harness: ReadSideHarness & { database: TestDatabase };
beforeAll(async () => {
  harness = await startReadSide('paygate_cli_replay');
  await seedScenario(harness.commands);
  await harness.settle();
});
afterAll(async () => {
  await harness?.close();
});

const paygate = paygateCli(() => ({ DATABASE_URL: harness.database.url, LOG_LEVEL: 'silent' }));

const schemaExists = async (schema: string) =>
  (await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${schema}) AS found`.execute(harness.db)).rows[0]!.found;

/** Every live read-model table's rows, as text: what "untouched" means. */
const liveContents = async () => {
  const tables = readModelProjections.flatMap((projection) => projection.tables);
  const parts = tables.map((table) => sql`SELECT ${table} AS t, coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY to_jsonb(x)::text), '') AS rows FROM ${sql.id(LIVE_SCHEMA, table)} x`);
  return (await sql<{ t: string; rows: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(harness.db)).rows;
};

describe('paygate replay (real PostgreSQL)', () => {
  it('an unknown projection is a usage error listing the read models, and changes nothing', async () => {
    const run = await paygate('replay', '--verify', '--projection', 'nope');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown projection "nope"; read models: channels, invoices, payments');
    expect(await paygate('replay', '--wait', 'soon')).toMatchObject({ code: 2 });
    expect(await schemaExists(REPLAY_SCHEMA)).toBe(false);
  });

  it('--verify on a realistic log: equal, exit 0, progress on stderr, and the shadow schema is dropped', async () => {
    const events = (await harness.eventStore.readAll()).length;
    const run = await paygate('replay', '--verify');
    expect(run.stdout).toContain('read models equal at');
    expect(run.stdout).toContain(`replayed ${events} events`);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`replay: ${events.toLocaleString('en-US')}/${events.toLocaleString('en-US')} events (100%)`);
    expect(await schemaExists(REPLAY_SCHEMA)).toBe(false);
  });

  it('without --verify the shadow schema stays for inspection, with the live rows', async () => {
    const run = await paygate('replay', '--projection', 'payments');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`the replay is in schema ${REPLAY_SCHEMA}`);
    const count = (schema: string) => sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.id(schema, 'payments')}`.execute(harness.db);
    expect((await count(REPLAY_SCHEMA)).rows[0]!.n).toBe((await count(LIVE_SCHEMA)).rows[0]!.n);
    expect(await schemaExists(`${REPLAY_SCHEMA}`)).toBe(true);
  });

  it('small pages with a one-row cache (rows pushed out and read back while the next page folds) replay the same rows', async () => {
    const replay = await startShadowReplay({ db: harness.db, eventStore: harness.eventStore, projections: readModelProjections, schema: 'replay_small', pageSize: 7, cacheRows: 1 });
    await replay.advanceTo(undefined);
    expect(await compareReadModels(harness.db, readModelProjections, LIVE_SCHEMA, 'replay_small')).toEqual([]);
    await replay.drop();
  });

  it('events appended after the replay read the head: the replay follows the live projector to its position', async () => {
    const replay = await startShadowReplay({ db: harness.db, eventStore: harness.eventStore, projections: readModelProjections, schema: 'replay_follow' });
    await replay.advanceTo(undefined);
    const before = replay.position()!;
    await harness.commands.createInvoice('late-1', 'ch-2', 'monthly', '4001');
    await harness.commands.ipn('late-pay-1', 'late-1', 'finished', { priceAmount: 3 });
    await harness.settle();
    const result = await verifyReplay({ db: harness.db, replay, projections: readModelProjections, liveSchema: LIVE_SCHEMA, waitMs: 10_000 });
    expect(result).toMatchObject({ compared: true, differences: [] });
    expect(result.replayPosition!.commit).toBeGreaterThan(before.commit);
    await replay.drop();
  });

  it('a replay that fails midway leaves the live read models untouched, and a rerun succeeds', async () => {
    const untouched = await liveContents();
    let reads = 0;
    const failing: EventStore = {
      ...harness.eventStore,
      readAll: async (options) => {
        if (++reads === 3) throw new Error('disk on fire');
        return harness.eventStore.readAll(options);
      },
    };
    const replay = runReplay({ db: harness.db, eventStore: failing, projections: readModelProjections, liveSchema: LIVE_SCHEMA, shadowSchema: REPLAY_SCHEMA, verify: true, pageSize: 10 });
    await expect(replay).rejects.toThrow('disk on fire');
    expect(reads).toBe(3);
    expect(await liveContents()).toEqual(untouched);
    const rerun = await paygate('replay', '--verify');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('read models equal');
  });

  it('a changed, a deleted and a forged live row are each reported, and --verify exits 1', async () => {
    await sql`UPDATE ${sql.id(LIVE_SCHEMA, 'payments')} SET received_outcome_amount = received_outcome_amount + 1 WHERE payment_id = 'pay-1'`.execute(harness.db);
    await sql`DELETE FROM ${sql.id(LIVE_SCHEMA, 'invoices')} WHERE invoice_id = 'inv-2'`.execute(harness.db);
    await sql`INSERT INTO ${sql.id(LIVE_SCHEMA, 'unmatched_payments')}
      SELECT (jsonb_populate_record(x, '{"payment_id": "pay-forged"}')).* FROM ${sql.id(LIVE_SCHEMA, 'unmatched_payments')} x WHERE payment_id = 'pay-6'`.execute(harness.db);
    const run = await paygate('replay', '--verify', '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { keptSchema: string; verify: { differences: { table: string; onlyLive: number; onlyReplay: number; samples: { live: string[]; replay: string[] } }[] } };
    expect(report.verify.differences.map(({ table, onlyLive, onlyReplay }) => ({ table, onlyLive, onlyReplay }))).toEqual([
      { table: 'invoices', onlyLive: 0, onlyReplay: 1 },
      { table: 'payments', onlyLive: 1, onlyReplay: 1 },
      { table: 'unmatched_payments', onlyLive: 1, onlyReplay: 0 },
    ]);
    const [invoices, payments, unmatched] = report.verify.differences;
    expect(invoices!.samples.replay[0]).toContain('"invoice_id": "inv-2"');
    expect(payments!.samples.live[0]).toContain('"payment_id": "pay-1"');
    expect(unmatched!.samples.live[0]).toContain('"payment_id": "pay-forged"');
    expect(report.keptSchema).toBe(REPLAY_SCHEMA);
    const text = await paygate('replay', '--verify', '--projection', 'invoices');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('DIFFERENCE invoices.invoices: 0 rows only in live, 1 rows only in replay');
    expect(text.stdout).toContain('replay only: {');
  });

  it('a live projector behind the log is reported as not compared (exit 1), not as differences', async () => {
    for (const runner of harness.runners) await runner.stop();
    await harness.commands.ipn('late-pay-2', null, 'waiting');
    const run = await paygate('replay', '--verify', '--projection', 'unmatched_payments', '--wait', '0');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('NOT COMPARED unmatched_payments: projector behind');
    // Once it caught up, the (still forged) difference is what is reported.
    const runner = createProjectionRunner({ db: harness.db, eventStore: harness.eventStore, projection: readModelProjections, schema: LIVE_SCHEMA });
    await runner.start();
    harness.runners.splice(0, harness.runners.length, runner);
    await harness.settle();
    const after = await paygate('replay', '--verify', '--projection', 'unmatched_payments');
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('DIFFERENCE unmatched_payments.unmatched_payments: 1 rows only in live, 0 rows only in replay');
  });
});
