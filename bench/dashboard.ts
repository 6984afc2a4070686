// `npm run bench:dashboard`: the owners' dashboard and the read API at 100,000 payments, next to
// the same run's plain SELECT of the same rows through the same pool. The read models are written
// directly in bulk (a read benchmark needs the rows, not the events they fold from); the read side
// is the api role's own app (request log, security headers, PostgreSQL rate limits, read API,
// dashboard) called in-process with `app.request()`, logged in as a big owner (and a small one)
// through a real one-time login link, sessions as events in the PostgreSQL event store. Then
// EXPLAIN (ANALYZE, BUFFERS) of every statement each route sends, flagging scans of a large table
// that read far more rows than the owner's. Prints; never fails on a number.
// Knobs: BENCH_DASHBOARD_PAYMENTS (100000), BENCH_DASHBOARD_OWNERS (200, 5 channels each),
// BENCH_DASHBOARD_BIG_SHARE (0.2 of everything to owner 0), BENCH_DASHBOARD_REQUESTS (200 one at a
// time, twice that at once), BENCH_DASHBOARD_WARMUP (20), BENCH_DASHBOARD_CONCURRENCY (8),
// BENCH_DASHBOARD_CSV_RUNS (3), BENCH_DASHBOARD_LOG_LEVEL (info), BENCH_DASHBOARD_PLANS (1: print
// the plan of each finding; 0: the one-line summaries only).
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
import { decodeCursor } from '@paygate/read-api';
import { startBenchReadSide, ORIGIN, type BenchReadSide, type Caller } from './dashboard/app.ts';
import { readCsv, timeExport, type ExportRun } from './dashboard/csv-export.ts';
import { dashboardEndpoints, type Endpoint } from './dashboard/endpoints.ts';
import { printPlans } from './dashboard/plans.ts';
import { timeProbe, type Probe, type Timing } from './dashboard/measure.ts';
import { seedReadModels } from './dashboard/seed.ts';
import { createBenchDatabase } from './lib/setup.ts';
import { fmt, row } from './lib/stats.ts';

const env = (name: string, fallback: number) => Number(process.env[`BENCH_DASHBOARD_${name}`] ?? fallback);
const shape = { payments: env('PAYMENTS', 100_000), owners: env('OWNERS', 200), channelsPerOwner: 5, bigShare: env('BIG_SHARE', 0.2) };
const timing = { count: env('REQUESTS', 200), warmup: env('WARMUP', 20), concurrency: env('CONCURRENCY', 8) };
const csvRuns = env('CSV_RUNS', 3);
const fullPlans = env('PLANS', 1) !== 0;
const logLevel = process.env.BENCH_DASHBOARD_LOG_LEVEL ?? 'info';
const ms = (value: number) => `${fmt(value, value < 10 ? 2 : 1)} ms`;

const store = await createBenchDatabase();
const dataDir = await mkdtemp(join(tmpdir(), 'paygate-bench-dashboard-'));
const cleanUp = async () => {
  await store.drop();
  await rm(dataDir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  const version = (await store.pool.query<{ v: string }>(`SELECT current_setting('server_version') v`)).rows[0]!.v;
  console.log(
    `PayGate dashboard benchmark — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} CPUs (load ${loadavg().map((n) => fmt(n, 1)).join(' ')}), ` +
      `PostgreSQL ${version}, ${fmt(timing.count)} requests one at a time + ${fmt(timing.count * 2)} with ${timing.concurrency} at once per endpoint, LOG_LEVEL=${logLevel}`,
  );
  const seeded = await seedReadModels(store.pool, shape);
  row(`seeded in ${fmt(seeded.seconds, 1)}s`, Object.fromEntries(Object.entries(seeded.rows).map(([table, n]) => [table, fmt(n)])));
  for (const [name, owner] of [['big owner', seeded.big], ['small owner', seeded.small]] as const) {
    row(`  ${name} ${owner.ownerId}`, { channels: fmt(owner.channelIds.length), payments: fmt(owner.payments), subscriptions: fmt(owner.subscriptions), payouts: fmt(owner.payouts) });
  }

  const side: BenchReadSide = await startBenchReadSide({ pool: store.pool, eventStore: store.eventStore, logLevel, dataDir });
  const callers: Record<'big' | 'small', Caller> = { big: await side.login(seeded.big.ownerId), small: await side.login(seeded.small.ownerId) };
  const owners = { big: seeded.big, small: seeded.small };
  const init = (endpoint: Pick<Endpoint, 'asker' | 'credential'>): RequestInit => {
    const caller = callers[endpoint.asker];
    return { headers: endpoint.credential === 'cookie' ? { cookie: caller.cookie } : { authorization: caller.bearer } };
  };
  const get = async (path: string, request: RequestInit) => {
    const response = await side.app.request(`${ORIGIN}${path}`, request);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response;
  };

  // A deep page: the cursor the API hands out halfway through the big owner's payments.
  const deepPage = Math.max(2, Math.floor(seeded.big.payments / 100 / 2));
  let cursor = '';
  for (let page = 1; page < deepPage; page++) {
    const body = (await (await get(`/api/v1/payments?limit=100${cursor ? `&cursor=${cursor}` : ''}`, init({ asker: 'big', credential: 'bearer' }))).json()) as { nextCursor: string };
    cursor = body.nextCursor;
  }
  const endpoints = dashboardEndpoints(new Date(), { cursor, key: decodeCursor(cursor)!, page: deepPage });

  console.log(`\n| endpoint (big owner unless said) | p50 | p99 | req/s (${timing.concurrency} at once) | plain SELECT p50 | p99 | req/s | p50 × | req/s × | same rows |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const endpoint of endpoints) {
    const request = init(endpoint);
    const owner = owners[endpoint.asker];
    let same = '—';
    if (endpoint.keys) {
      const api = endpoint.keys.api(await (await get(endpoint.path, request)).json());
      const sql = endpoint.keys.sql(await endpoint.baseline(store.pool, owner));
      same = api.length === sql.length && api.every((key, i) => key === sql[i]) ? `yes (${api.length})` : `NO (${api.length} vs ${sql.length})`;
    }
    const apiProbe: Probe = async () => void (await (await get(endpoint.path, request)).arrayBuffer());
    const sqlProbe: Probe = async () => void (await endpoint.baseline(store.pool, owner));
    const a: Timing = await timeProbe(apiProbe, timing);
    const b: Timing = await timeProbe(sqlProbe, timing);
    console.log(
      `| ${endpoint.label} | ${ms(a.serial.p50)} | ${ms(a.serial.p99)} | ${fmt(a.concurrent.perSecond)} | ${ms(b.serial.p50)} | ${ms(b.serial.p99)} | ${fmt(b.concurrent.perSecond)} | ` +
        `${fmt(a.serial.p50 / b.serial.p50, 1)} | ${fmt(a.concurrent.perSecond / b.concurrent.perSecond, 2)} | ${same} |`,
    );
  }

  // What every API request pays before its route: the two PostgreSQL budgets (per address, per caller).
  const limits = side.limits.readApi;
  const budgets = await timeProbe(async () => {
    await limits.perAddress.take('bench-address');
    await limits.perKey.take(`owner:${seeded.big.ownerId}`);
  }, timing);
  const counted = await store.pool.query<{ key: string; points: number }>(`SELECT key, points FROM paygate_rate_limits ORDER BY key`);
  console.log(`rate-limit counters in PostgreSQL: ${counted.rows.map((r) => `${r.key}=${fmt(r.points)}`).join(', ')}`);
  row('rate limits alone (2 budgets, as per request)', { p50: ms(budgets.serial.p50), p99: ms(budgets.serial.p99), [`calls/s (${timing.concurrency} at once)`]: fmt(budgets.concurrent.perSecond) });

  // The export streams every payment of the big owner, 100 rows per query.
  const csvRequest = init({ asker: 'big', credential: 'bearer' });
  const exportRow = (label: string, runs: ExportRun[]) => {
    const best = runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const peak = Math.max(...runs.map((run) => run.peakRssDeltaMb ?? Number.NaN));
    row(label, { rows: fmt(best.rows), 'best time': `${fmt(best.seconds, 2)}s`, 'rows/s': fmt(best.rows / best.seconds), ...(best.bytes > 0 ? { MB: fmt(best.bytes / 1e6, 1) } : {}), 'peak RSS delta': `${fmt(peak, 1)} MB` });
  };
  const csv: ExportRun[] = [];
  for (let i = 0; i < csvRuns; i++) csv.push(await timeExport(async () => readCsv(await get('/api/v1/payments.csv', csvRequest))));
  exportRow(`GET /api/v1/payments.csv (best of ${csvRuns})`, csv);
  const plain: ExportRun[] = [];
  for (let i = 0; i < csvRuns; i++) {
    plain.push(
      await timeExport(async () => {
        const result = await store.pool.query(
          `SELECT * FROM ${DEFAULT_READ_MODEL_SCHEMA}.payments WHERE channel_id = ANY($1) ORDER BY updated_commit DESC, updated_prepare DESC, payment_id DESC`,
          [seeded.big.channelIds],
        );
        return { rows: result.rowCount ?? 0, bytes: 0 };
      }),
    );
  }
  exportRow(`  plain SELECT of all of them, one query`, plain);

  await printPlans(store.pool, side, [...endpoints, { label: 'GET /api/v1/payments.csv (first page; the others are deep pages)', path: '/api/v1/payments.csv', asker: 'big', credential: 'bearer', firstOnly: true }], {
    init,
    owner: (endpoint) => owners[endpoint.asker],
    full: fullPlans,
  });
  const lines = side.logLines();
  console.log(`\nlog lines written: ${fmt(lines.total)} (warnings and errors: ${fmt(lines.problems)}); load at the end ${loadavg().map((n) => fmt(n, 1)).join(' ')}`);
} finally {
  await cleanUp();
}
