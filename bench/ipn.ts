// `npm run bench:ipn`: the first money flow under load. Signed `finished` IPNs against a real
// `paygate start` on PostgreSQL and NATS, next to pgbench at the same client count on the same
// server, measured in the same run. Prints; never fails on a number. Three set-ups, one after another:
//   all   — api, workers, relay, projector in one process: throughput, cost per IPN at a steady rate
//           (PostgreSQL transactions, PayGate CPU), IPN → SplitCalculated, peak RSS;
//   api   — the webhook alone (`--roles api`), one process: throughput at 16 connections;
//   api-n — the webhook alone on N processes (`--roles api --processes N`): the same.
// Issue 9's targets are printed together at the end, each against its same-run baseline.
// Knobs: BENCH_SECONDS (per timed phase), BENCH_IPN_SETUPS ("all,api,api-n"), BENCH_IPN_CONNECTIONS
// ("16,64", for `all`), BENCH_IPN_RATES ("100,500" IPNs/s for the IPN → SplitCalculated phases),
// BENCH_IPN_STEADY_RATE (100, the cost-per-IPN phase; 0 skips it), BENCH_IPN_API_PROCESSES (2, for
// `api-n`), BENCH_IPN_INVOICES (pool, one invoice per IPN), BENCH_IPN_PROCESSES ("api;workers,relay,projector"
// splits the `all` set-up's roles over processes), BENCH_IPN_LOG_LEVEL, BENCH_IPN_PROFILE (a directory:
// each server writes a V8 CPU profile there on exit), BENCH_IPN_NODE_OPTIONS (extra Node options for the servers).
import { SANDBOX_NOWPAYMENTS_IPN_SECRET } from '../infra/src/config/index.ts';
import { deleteStreams } from './lib/jetstream.ts';
import { pgbenchInsertBaseline, type PgbenchResult } from './lib/pgbench.ts';
import { createBenchDatabase } from './lib/setup.ts';
import { fmt, row } from './lib/stats.ts';
import { measureCpu, type CpuSplit } from './ipn/cpu-usage.ts';
import { drainPipeline, waitForInvites } from './ipn/drain.ts';
import { prepareIpnPool, type IpnPool } from './ipn/ipn-pool.ts';
import { makeTrafficChannelReachable } from './ipn/telegram-channel.ts';
import { startPaygateServer, type PaygateServer } from './ipn/paygate-server.ts';
import { benchIpnToSplit } from './ipn/split-latency.ts';
import { measureSteadyCost } from './ipn/steady-cost.ts';
import { createTargets } from './ipn/targets.ts';
import { benchIpnThroughput } from './ipn/throughput.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const invoiceCount = Number(process.env.BENCH_IPN_INVOICES ?? 120_000);
const rates = (process.env.BENCH_IPN_RATES ?? '100,500').split(',').filter(Boolean).map(Number);
const steadyRate = Number(process.env.BENCH_IPN_STEADY_RATE ?? 100);
const apiProcesses = Number(process.env.BENCH_IPN_API_PROCESSES ?? 2);
const logLevel = process.env.BENCH_IPN_LOG_LEVEL ?? 'info';
const profileDir = process.env.BENCH_IPN_PROFILE;
// Extra Node options for the servers, e.g. `--max-old-space-size=192` to see what a heap cap does to memory.
const serverNodeOptions = [process.env.BENCH_IPN_NODE_OPTIONS, profileDir && `--cpu-prof --cpu-prof-dir=${profileDir}`].filter(Boolean).join(' ');
const natsUrl = process.env.BENCH_NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const connectionCounts = (process.env.BENCH_IPN_CONNECTIONS ?? '16,64').split(',').filter(Boolean).map(Number);
const setupKeys = (process.env.BENCH_IPN_SETUPS ?? 'all,api,api-n').split(',').filter(Boolean);
// `;` separates processes: "api;workers,relay,projector" runs the webhook in a process of its own.
const ALL_ROLES = (process.env.BENCH_IPN_PROCESSES ?? 'api,workers,relay,projector').split(';').map((roles) => roles.split(','));
// The server runs in sandbox mode, which verifies IPNs with the sandbox's public secret only.
const IPN_SECRET = SANDBOX_NOWPAYMENTS_IPN_SECRET;
// Issue 9, all at 16 connections.
const TARGET = {
  connections: 16,
  apiOne: { ratio: 0.15, p99Ms: 20 },
  apiN: { ratio: 0.25 },
  all: { ratio: 0.1 },
  steady: { rate: 100, transactionsPerIpn: 4, cpuMsPerIpn: 1, splitP99Ms: 50 },
  peakRssMb: 300,
};

type Setup = { key: string; label: string; processes: readonly (readonly string[])[]; apiProcesses?: number; connections: readonly number[]; pipelinePhases: boolean };
const SETUPS: Setup[] = [
  {
    key: 'all',
    label: ALL_ROLES.length > 1 ? `roles over ${ALL_ROLES.length} processes` : 'all roles, one process',
    processes: ALL_ROLES,
    connections: connectionCounts,
    pipelinePhases: true,
  },
  { key: 'api', label: 'webhook alone, one process', processes: [['api']], connections: [TARGET.connections], pipelinePhases: false },
  {
    key: 'api-n',
    label: `webhook alone, --processes ${apiProcesses}`,
    processes: [['api']],
    apiProcesses,
    connections: [TARGET.connections],
    pipelinePhases: false,
  },
];

const sumOf = (cores: ReadonlyMap<string, number>) => [...cores.values()].reduce((a, b) => a + b, 0);

const cpuCells = (cpu: CpuSplit): Record<string, string> => ({
  ...Object.fromEntries([...cpu.paygate].map(([label, cores]) => [`cpu ${cpu.paygate.size > 1 ? label : 'paygate'}`, fmt(cores, 2)])),
  postgres: fmt(cpu.postgres, 2),
  nats: fmt(cpu.nats, 2),
  bench: fmt(cpu.bench, 2),
  machine: fmt(cpu.machine, 2),
  // Whatever else ran on the machine meanwhile (other tests, builds): it shares the same two cores.
  other: fmt(Math.max(0, cpu.machine - sumOf(cpu.paygate) - cpu.postgres - cpu.nats - cpu.bench), 2),
});

console.log(
  `PayGate IPN benchmark — ${new Date().toISOString()} — node ${process.version}, ${seconds}s per timed phase, LOG_LEVEL=${logLevel}, set-ups: ${setupKeys.join(', ')}`,
);

const store = await createBenchDatabase();
const stream = `PAYGATE_IPN_BENCH_${Date.now()}`;
const subjectPrefix = `bench.${stream.toLowerCase()}`;
const targets = createTargets();
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

/** One set-up: its servers up, warmed, measured, stopped. */
const runSetup = async (setup: Setup, ipns: IpnPool, baselines: ReadonlyMap<number, PgbenchResult>) => {
  console.log(`\n== ${setup.label} ==`);
  server = await startPaygateServer({
    databaseUrl: store.url,
    natsUrl,
    stream,
    subjectPrefix,
    processes: setup.processes,
    ...(setup.apiProcesses === undefined ? {} : { apiProcesses: setup.apiProcesses }),
    logLevel,
    ...(serverNodeOptions ? { nodeOptions: serverNodeOptions } : {}),
  });
  const running = server;
  const roles = setup.processes.flat();
  const pipeline = roles.includes('relay') && roles.includes('workers');
  // Only the access manager (workers) sends invites; a webhook-only set-up needs no chat.
  if (roles.includes('workers')) await makeTrafficChannelReachable(running.webhookUrl);
  const drain = async (what: string) => {
    if (!roles.includes('relay') && !roles.includes('projector')) return; // nothing runs behind the webhook
    const drained = await drainPipeline(store.pool, { splits: pipeline });
    row(`  then ${what} caught up`, {
      after: `${fmt(drained.seconds, 1)}s`,
      ...(pipeline ? { PaymentReceived: fmt(drained.received), 'missing splits': fmt(drained.missingSplits) } : {}),
      ...(drained.behind.length > 0 ? { 'still behind': drained.behind.join(', ') } : {}),
    });
  };
  await drain('earlier events: relay, projections');
  await benchIpnThroughput(running.webhookUrl, ipns, 16, 2); // warm-up: JIT, sockets, pools
  await drain('warm-up: relay, projections, splits');

  for (const connections of setup.connections) {
    const cpu = await measureCpu(running.pids);
    const result = await benchIpnThroughput(running.webhookUrl, ipns, connections, seconds);
    const used = await cpu();
    const baseline = baselines.get(connections)!;
    row(`IPN finished → 200, ${connections} connections`, {
      'IPNs/s': fmt(result.perSecond),
      p50: `${fmt(result.p50, 2)}ms`,
      p99: `${fmt(result.p99, 2)}ms`,
      'x pgbench': fmt(result.perSecond / baseline.tps, 3),
      ...(result.failed > 0 ? { 'not 200': JSON.stringify(result.statuses) } : {}),
      ...(result.exhausted ? { note: 'invoice pool ran out (raise BENCH_IPN_INVOICES)' } : {}),
    });
    row('  CPU (cores busy) during that phase', { ...cpuCells(used), 'paygate ms/IPN': fmt((sumOf(used.paygate) * 1000) / result.perSecond, 2) });
    await drain('relay, projections, splits');
    if (connections !== TARGET.connections) continue;
    const figures = { perSecond: result.perSecond, p99: result.p99, pgbenchTps: baseline.tps };
    const at = `${connections} connections`;
    if (setup.key === 'api') targets.addRatio(`webhook alone, one process, ${at}: ≥ ${TARGET.apiOne.ratio}× pgbench, p99 ≤ ${TARGET.apiOne.p99Ms} ms`, { ...figures, ...TARGET.apiOne });
    if (setup.key === 'api-n') targets.addRatio(`webhook alone, --processes ${apiProcesses}, ${at}: ≥ ${TARGET.apiN.ratio}× pgbench`, { ...figures, ...TARGET.apiN });
    if (setup.key === 'all') targets.addRatio(`${setup.label}, ${at}: ≥ ${TARGET.all.ratio}× pgbench`, { ...figures, ...TARGET.all });
  }

  if (setup.pipelinePhases && pipeline && steadyRate > 0) {
    // Idle must mean idle: the earlier phases' invites (sent at Telegram's pace) are done first.
    await drainPipeline(store.pool, { splits: true, invites: true, timeoutMs: 600_000 });
    // The load window lasts until the phase's own invites are sent, so their cost is counted too.
    const settled = () => waitForInvites(store.pool);
    const cost = await measureSteadyCost({ webhookUrl: running.webhookUrl, pool: store.pool, paygatePids: running.pids }, ipns, steadyRate, seconds, settled);
    // The idle window's counts are scaled to the load window's length.
    const transactionsPerIpn = (cost.transactions.load - cost.transactions.idle) / cost.ipns;
    const cpuMsPerIpn = ((cost.paygateCpu.load - cost.paygateCpu.idle) * 1000) / cost.ipns;
    row(`cost per IPN at a steady ${fmt(steadyRate)} IPNs/s`, {
      IPNs: fmt(cost.ipns),
      'PG transactions/IPN': fmt(transactionsPerIpn, 2),
      'paygate CPU ms/IPN': fmt(cpuMsPerIpn, 3),
      ...(cost.failed > 0 ? { 'not 200': fmt(cost.failed) } : {}),
    });
    row(`  over ${fmt(cost.windowSeconds, 0)} s windows, load / idle`, {
      'PG transactions': `${fmt(cost.transactions.load)} / ${fmt(cost.transactions.idle)}`,
      'paygate CPU s': `${fmt(cost.paygateCpu.load, 2)} / ${fmt(cost.paygateCpu.idle, 2)}`,
      'raw transactions/IPN': fmt(cost.transactions.load / cost.ipns, 2),
      'raw CPU ms/IPN': fmt((cost.paygateCpu.load * 1000) / cost.ipns, 3),
      'max send delay': `${fmt(cost.maxSendDelayMs, 1)}ms`,
    });
    if (steadyRate === TARGET.steady.rate) {
      const baseline = `idle PayGate over the same ${fmt(cost.windowSeconds, 0)} s: ${fmt(cost.transactions.idle)} transactions, ${fmt(cost.paygateCpu.idle, 2)} CPU s`;
      targets.add({
        target: `${setup.label}, steady ${fmt(steadyRate)} IPNs/s: ≤ ${TARGET.steady.transactionsPerIpn} PostgreSQL transactions per IPN`,
        measured: `${fmt(transactionsPerIpn, 2)} per IPN (idle subtracted; ${fmt(cost.transactions.load / cost.ipns, 2)} raw)`,
        baseline,
        met: transactionsPerIpn <= TARGET.steady.transactionsPerIpn,
      });
      targets.add({
        target: `${setup.label}, steady ${fmt(steadyRate)} IPNs/s: ≤ ${TARGET.steady.cpuMsPerIpn} ms PayGate CPU per IPN`,
        measured: `${fmt(cpuMsPerIpn, 3)} ms per IPN (idle subtracted; ${fmt((cost.paygateCpu.load * 1000) / cost.ipns, 3)} raw)`,
        baseline,
        met: cpuMsPerIpn <= TARGET.steady.cpuMsPerIpn,
      });
    }
    await drain('relay, projections, splits');
  }

  for (const rate of setup.pipelinePhases && pipeline ? rates : []) {
    const cpu = await measureCpu(running.pids);
    const latency = await benchIpnToSplit({ webhookUrl: running.webhookUrl, pool: store.pool, eventStore: store.eventStore }, ipns, rate, seconds);
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
    if (rate === TARGET.steady.rate) {
      targets.add({
        target: `${setup.label}, steady ${fmt(rate)} IPNs/s: IPN → SplitCalculated p99 ≤ ${TARGET.steady.splitP99Ms} ms`,
        measured: `p99 ${fmt(latency.split.p99, 1)} ms, p50 ${fmt(latency.split.p50, 1)} ms, ${fmt(latency.missing)} missing`,
        baseline: `the webhook's own answer p99 ${fmt(latency.answer.p99, 2)} ms`,
        met: latency.split.p99 <= TARGET.steady.splitP99Ms && latency.missing === 0,
      });
    }
    await drain('relay, projections, splits');
  }

  const peaks = await running.peakRss();
  row('peak RSS (VmHWM) of each server process', Object.fromEntries([...peaks].map(([label, mb]) => [label, `${fmt(mb)}MB`])));
  if (setup.key === 'all' && setup.processes.length === 1) {
    const peak = Math.max(...peaks.values());
    targets.add({
      target: `${setup.label} under this benchmark: peak RSS ≤ ${TARGET.peakRssMb} MB`,
      measured: `${fmt(peak)} MB`,
      baseline: `the webhook alone, one process: see its set-up's peak RSS line`,
      met: peak <= TARGET.peakRssMb,
    });
  }
  const warnings = [...running.warnings()].sort((a, b) => b[1] - a[1]);
  if (warnings.length > 0) {
    console.log(`server warnings and errors in this set-up: ${warnings.map(([msg, n]) => `${fmt(n)}× "${msg}"`).join(', ')}`);
  }
  await running.stop();
  server = undefined;
};

try {
  const baselines = new Map<number, PgbenchResult>();
  for (const clients of new Set([TARGET.connections, ...connectionCounts])) {
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

  for (const setup of SETUPS.filter((candidate) => setupKeys.includes(candidate.key))) {
    if (setup.key === 'api-n' && apiProcesses < 2) continue;
    await runSetup(setup, ipns, baselines);
  }
  console.log(`\n${fmt(ipns.remaining())} of ${fmt(invoiceCount)} prepared IPNs left unused`);
  targets.print();
} finally {
  await cleanUp();
}
