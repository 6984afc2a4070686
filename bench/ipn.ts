// `npm run bench:ipn`: the first money flow under load. Signed `finished` IPNs against a real
// `paygate start` (api + workers + relay + projector) on PostgreSQL and NATS, next to pgbench at
// the same client count on the same server, measured in the same run. Prints; never fails on a number.
// Knobs: BENCH_SECONDS (per timed phase), BENCH_IPN_CONNECTIONS ("16,64"), BENCH_IPN_RATES ("100,500"
// IPNs/s for the IPN → SplitCalculated phases), BENCH_IPN_INVOICES (pool, one invoice per IPN),
// BENCH_IPN_PROCESSES ("api;workers,relay,projector" splits roles over processes), BENCH_IPN_LOG_LEVEL,
// BENCH_IPN_PROFILE (a directory: each server writes a V8 CPU profile there on exit).
import { SANDBOX_NOWPAYMENTS_IPN_SECRET } from '../infra/src/config/index.ts';
import { deleteStreams } from './lib/jetstream.ts';
import { pgbenchInsertBaseline, type PgbenchResult } from './lib/pgbench.ts';
import { createBenchDatabase } from './lib/setup.ts';
import { fmt, row } from './lib/stats.ts';
import { measureCpu, type CpuSplit } from './ipn/cpu-usage.ts';
import { drainPipeline } from './ipn/drain.ts';
import { prepareIpnPool } from './ipn/ipn-pool.ts';
import { startPaygateServer, type PaygateServer } from './ipn/paygate-server.ts';
import { benchIpnToSplit } from './ipn/split-latency.ts';
import { benchIpnThroughput } from './ipn/throughput.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const invoiceCount = Number(process.env.BENCH_IPN_INVOICES ?? 40_000);
const rates = (process.env.BENCH_IPN_RATES ?? '100,500').split(',').filter(Boolean).map(Number);
const logLevel = process.env.BENCH_IPN_LOG_LEVEL ?? 'info';
const profileDir = process.env.BENCH_IPN_PROFILE;
const natsUrl = process.env.BENCH_NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const connectionCounts = (process.env.BENCH_IPN_CONNECTIONS ?? '16,64').split(',').filter(Boolean).map(Number);
// `;` separates processes: "api;workers,relay,projector" runs the webhook in a process of its own.
const PROCESSES = (process.env.BENCH_IPN_PROCESSES ?? 'api,workers,relay,projector').split(';').map((roles) => roles.split(','));
const ROLES = PROCESSES.flat();
// The server runs in sandbox mode, which verifies IPNs with the sandbox's public secret only.
const IPN_SECRET = SANDBOX_NOWPAYMENTS_IPN_SECRET;
const TARGET = { ratio: 0.25, p99Ms: 30, connections: 16 };

const sumOf = (cores: ReadonlyMap<string, number>) => [...cores.values()].reduce((a, b) => a + b, 0);

const cpuCells = (cpu: CpuSplit): Record<string, string> => ({
  ...Object.fromEntries([...cpu.paygate].map(([roles, cores]) => [`cpu ${PROCESSES.length > 1 ? roles : 'paygate'}`, fmt(cores, 2)])),
  postgres: fmt(cpu.postgres, 2),
  nats: fmt(cpu.nats, 2),
  bench: fmt(cpu.bench, 2),
  machine: fmt(cpu.machine, 2),
});

console.log(
  `PayGate IPN benchmark — ${new Date().toISOString()} — node ${process.version}, ${seconds}s per timed phase, LOG_LEVEL=${logLevel}, processes: ${PROCESSES.map((roles) => roles.join(',')).join(' + ')}`,
);

const store = await createBenchDatabase();
const stream = `PAYGATE_IPN_BENCH_${Date.now()}`;
const subjectPrefix = `bench.${stream.toLowerCase()}`;
let server: PaygateServer | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await server?.stop();
    await deleteStreams(natsUrl, stream, `${stream}_DEAD`, `${stream}_REPLAY`).catch(() => {});
    await store.drop();
  })());
// Interrupted (Ctrl-C, a timeout's SIGTERM): stop the servers and drop the database, not leave them behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: stopping the servers and dropping the benchmark database`);
    void cleanUp().finally(() => process.exit(130));
  });
}
try {
  const baselines = new Map<number, PgbenchResult>();
  for (const clients of connectionCounts) {
    const baseline = await pgbenchInsertBaseline(store.url, clients, seconds);
    baselines.set(clients, baseline);
    row(`pgbench single-row JSONB insert, ${clients} clients`, {
      'tx/s': fmt(baseline.tps),
      p50: `${fmt(baseline.p50, 2)}ms`,
      p99: `${fmt(baseline.p99, 2)}ms`,
    });
  }

  const { pool: ipns, seedPerSecond } = await prepareIpnPool(store.eventStore, invoiceCount, IPN_SECRET);
  row(`seed ${fmt(invoiceCount)} invoices (decider → append)`, { 'invoices/s': fmt(seedPerSecond) });

  server = await startPaygateServer({
    databaseUrl: store.url,
    natsUrl,
    stream,
    subjectPrefix,
    processes: PROCESSES,
    logLevel,
    ...(profileDir ? { nodeOptions: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
  });
  const pipeline = ROLES.includes('relay') && ROLES.includes('workers');
  const drain = async (what: string) => {
    if (!ROLES.includes('relay') && !ROLES.includes('projector')) return; // nothing runs behind the webhook
    const drained = await drainPipeline(store.pool, { splits: pipeline });
    row(`  then ${what} caught up`, {
      after: `${fmt(drained.seconds, 1)}s`,
      ...(pipeline ? { PaymentReceived: fmt(drained.received), 'missing splits': fmt(drained.missingSplits) } : {}),
      ...(drained.behind.length > 0 ? { 'still behind': drained.behind.join(', ') } : {}),
    });
  };
  await drain('seeded invoices: relay, projections');
  await benchIpnThroughput(server.webhookUrl, ipns, 16, 2); // warm-up: JIT, sockets, pools
  await drain('warm-up: relay, projections, splits');

  let verdict = 'not measured';
  for (const connections of connectionCounts) {
    const cpu = await measureCpu(server.pids);
    const result = await benchIpnThroughput(server.webhookUrl, ipns, connections, seconds);
    const used = await cpu();
    const baseline = baselines.get(connections)!;
    const ratio = result.perSecond / baseline.tps;
    row(`IPN finished → 200, ${connections} connections`, {
      'IPNs/s': fmt(result.perSecond),
      p50: `${fmt(result.p50, 2)}ms`,
      p99: `${fmt(result.p99, 2)}ms`,
      'x pgbench': fmt(ratio, 2),
      ...(result.failed > 0 ? { 'not 200': JSON.stringify(result.statuses) } : {}),
      ...(result.exhausted ? { note: 'invoice pool ran out (raise BENCH_IPN_INVOICES)' } : {}),
    });
    row('  CPU (cores busy) during that phase', { ...cpuCells(used), 'paygate ms/IPN': fmt((sumOf(used.paygate) * 1000) / result.perSecond, 2) });
    await drain('relay, projections, splits');
    if (connections === TARGET.connections) {
      const met = ratio >= TARGET.ratio && result.p99 < TARGET.p99Ms;
      verdict = `${met ? 'met' : 'NOT met'}: ${fmt(result.perSecond)} IPNs/s = ${fmt(ratio, 2)}× of ${fmt(baseline.tps)} (needs ${fmt(baseline.tps * TARGET.ratio)}), p99 ${fmt(result.p99, 2)} ms`;
    }
  }
  console.log(`target at ${TARGET.connections} connections (≥ ${TARGET.ratio}× pgbench, p99 < ${TARGET.p99Ms} ms): ${verdict}`);

  for (const rate of pipeline ? rates : []) {
    const cpu = await measureCpu(server.pids);
    const latency = await benchIpnToSplit({ webhookUrl: server.webhookUrl, pool: store.pool, eventStore: store.eventStore }, ipns, rate, seconds);
    const used = await cpu();
    row(`IPN → SplitCalculated at ${fmt(rate)} IPNs/s`, {
      p50: `${fmt(latency.split.p50, 1)}ms`,
      p99: `${fmt(latency.split.p99, 1)}ms`,
      IPNs: fmt(latency.sent),
      missing: fmt(latency.missing),
      ...(latency.failed > 0 ? { 'not 200': fmt(latency.failed) } : {}),
    });
    row(`  IPN → PaymentReceived on $all`, { p50: `${fmt(latency.received.p50, 1)}ms`, p99: `${fmt(latency.received.p99, 1)}ms` });
    row(`  webhook answer at ${fmt(rate)} IPNs/s`, {
      p50: `${fmt(latency.answer.p50, 2)}ms`,
      p99: `${fmt(latency.answer.p99, 2)}ms`,
      'max send delay': `${fmt(latency.maxSendDelayMs, 1)}ms`,
    });
    row('  CPU (cores busy) during that phase', cpuCells(used));
    await drain('relay, projections, splits');
  }
  const warnings = [...server.warnings()].sort((a, b) => b[1] - a[1]);
  if (warnings.length > 0) {
    console.log(`server warnings and errors during the run: ${warnings.map(([msg, n]) => `${fmt(n)}× "${msg}"`).join(', ')}`);
  }
} finally {
  await cleanUp();
}
