// `npm run bench:payouts`: owners paid on-chain. In the sandbox — a real anvil at 1-second blocks,
// the ChangeNOW simulator paying on that chain, PostgreSQL and NATS JetStream — PaymentReceived →
// PayoutSent per payment, through every role of `paygate start` in this process, next to the same
// run's chain baseline: the same ERC-20 transfer signed, broadcast and confirmed PAYOUT_CONFIRMATIONS
// deep through PayGate's own host-chain client, from an account PayGate does not use, with nothing
// in between. Two shapes each: one at a time (nothing queues: the floor of one payout), and a burst
// (every payment at once: payouts/s through one hot wallet). Prints; never fails on a number.
// Knobs: BENCH_PAYOUTS_N (40, burst payments), BENCH_PAYOUTS_CHANNELS (8, half direct USDTERC20 on
// ethereum, half swap USDTMATIC on polygon), BENCH_PAYOUTS_SINGLE (6, one-at-a-time payments; 0
// skips), BENCH_PAYOUTS_CONFIRMATIONS (2, PAYOUT_CONFIRMATIONS and the baseline's depth),
// BENCH_PAYOUTS_BLOCK_SECONDS (1), BENCH_PAYOUTS_STEP_DELAY_MS (100, the simulator's pause between
// exchange statuses), BENCH_PAYOUTS_TICK_MS (100, the simulator's clock), BENCH_PAYOUTS_TIMEOUT_S
// (300, per phase), BENCH_PAYOUTS_LOG_LEVEL (info).
import pg from 'pg';
import { createTestDatabase, uniqueName } from '@paygate/testkit';
import { deleteStreams } from './lib/jetstream.ts';
import { fmt, row, type Summary } from './lib/stats.ts';
import { chainSendAndConfirm, type ChainBaseline } from './payouts/chain-baseline.ts';
import { startPayoutsPayGate, type BenchPayoutsPayGate } from './payouts/paygate.ts';
import { payAndWaitForPayouts, type PhaseResult } from './payouts/pipeline-latency.ts';
import { seedPayoutChannels } from './payouts/seed.ts';
import { startBenchPayoutWorld, type BenchPayoutWorld } from './payouts/world.ts';

const burst = Number(process.env.BENCH_PAYOUTS_N ?? 40);
const channelCount = Number(process.env.BENCH_PAYOUTS_CHANNELS ?? 8);
const single = Number(process.env.BENCH_PAYOUTS_SINGLE ?? 6);
const confirmations = Number(process.env.BENCH_PAYOUTS_CONFIRMATIONS ?? 2);
const blockTimeSeconds = Number(process.env.BENCH_PAYOUTS_BLOCK_SECONDS ?? 1);
const stepDelayMs = Number(process.env.BENCH_PAYOUTS_STEP_DELAY_MS ?? 100);
const tickIntervalMs = Number(process.env.BENCH_PAYOUTS_TICK_MS ?? 100);
const timeoutMs = Number(process.env.BENCH_PAYOUTS_TIMEOUT_S ?? 300) * 1000;
const logLevel = process.env.BENCH_PAYOUTS_LOG_LEVEL ?? 'info';
const natsUrl = process.env.BENCH_NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
// createTestDatabase reads TEST_DATABASE_URL; the benches' own variable wins, as in bench/lib/setup.ts.
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

const s = (ms: number) => `${fmt(ms / 1000, 2)}s`;
const latency = (summary: Summary) => ({ p50: s(summary.p50), p99: s(summary.p99) });

console.log(
  `PayGate payouts benchmark — ${new Date().toISOString()} — node ${process.version}, anvil ${blockTimeSeconds}s blocks, ` +
    `PAYOUT_CONFIRMATIONS=${confirmations}, ChangeNOW simulator step ${stepDelayMs}ms / tick ${tickIntervalMs}ms, ` +
    `${channelCount} channels (half direct, half swap), ${single} one at a time + ${burst} at once, LOG_LEVEL=${logLevel}`,
);

const printBaseline = (label: string, result: ChainBaseline, count: number) =>
  row(label, {
    ...latency(result.latency),
    'to mined p50': s(result.toMined.p50),
    'transfers/s': fmt(count / result.seconds, 2),
    ...(result.reverted > 0 ? { reverted: fmt(result.reverted) } : {}),
  });

const printPhase = (label: string, result: PhaseResult, baseline: ChainBaseline | undefined) => {
  row(label, {
    ...latency(result.total),
    'payouts/s': fmt(result.payoutsPerSecond, 2),
    sent: `${fmt(result.sentPayments)}/${fmt(result.paid)}`,
    ...(baseline ? { 'p50 x chain': fmt(result.total.p50 / baseline.latency.p50, 1) } : {}),
    ...(result.unfinished + result.failedOrHeld > 0 ? { unfinished: fmt(result.unfinished), 'failed/held': fmt(result.failedOrHeld) } : {}),
  });
  row('  direct route (one host-wallet transfer)', latency(result.byRoute.direct));
  row('  swap route (transfer to ChangeNOW, swap)', latency(result.byRoute.swap));
  row('  PaymentReceived → PayoutStarted', latency(result.stage.toStarted));
  row('  PayoutStarted → TransferSigned', latency(result.stage.toSigned));
  row('  TransferSigned → confirmed', latency(result.stage.toConfirmed));
  row('  swap: SwapExecuted → PayoutSent', latency(result.stage.toSent));
  row('  payouts', { payouts: fmt(result.payouts), 'carrying >1 payment': fmt(result.batched), 'replaced transfers': fmt(result.replaced), span: `${fmt(result.seconds, 1)}s` });
};

const database = await createTestDatabase('paygate_bench_payouts');
const stream = uniqueName('PAYGATE_PAYOUTS_BENCH');
let world: BenchPayoutWorld | undefined;
let paygate: BenchPayoutsPayGate | undefined;
let pool: pg.Pool | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await paygate?.stop().catch((error: unknown) => console.error('stopping PayGate:', error));
    await pool?.end();
    await world?.stop();
    await deleteStreams(natsUrl, stream, `${stream}_DEAD`, `${stream}_REPLAY`).catch(() => {});
    await database.drop();
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: stopping PayGate and anvil, dropping the benchmark database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  world = await startBenchPayoutWorld({ blockTimeSeconds, stepDelayMs, tickIntervalMs });
  const sequential = single > 0 ? await chainSendAndConfirm(world, { count: Math.max(single, 6), inFlight: 1, confirmations, blockTimeSeconds }) : undefined;
  if (sequential) printBaseline(`baseline: ERC-20 transfer → ${confirmations} conf, 1 at a time`, sequential, Math.max(single, 6));
  const backToBack = await chainSendAndConfirm(world, { count: burst, inFlight: burst, confirmations, blockTimeSeconds });
  printBaseline(`baseline: ${fmt(burst)} transfers at once → ${confirmations} conf`, backToBack, burst);

  paygate = await startPayoutsPayGate({ databaseUrl: database.url, natsUrl, stream, chainUrl: world.anvil.rpcUrl, changenowUrl: world.changenowUrl, confirmations, logLevel });
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const channels = await seedPayoutChannels(paygate.running, channelCount);

  if (single > 0) {
    const result = await payAndWaitForPayouts(paygate.running, pool, { phase: 'single', channels, count: single, inFlight: 1, timeoutMs });
    printPhase(`PayGate: PaymentReceived → PayoutSent, 1 at a time`, result, sequential);
  }
  const result = await payAndWaitForPayouts(paygate.running, pool, { phase: 'burst', channels, count: burst, inFlight: burst, timeoutMs });
  printPhase(`PayGate: ${fmt(burst)} payments at once → PayoutSent`, result, backToBack);
  row('  x chain baseline', { 'p50': fmt(result.total.p50 / backToBack.latency.p50, 1), 'payouts/s ÷ transfers/s': fmt(result.payoutsPerSecond / (burst / backToBack.seconds), 3) });

  const failures = paygate.stepFailures();
  row('  payout steps failed and retried (all phases)', { failures: fmt(failures.count), 'highest attempt': fmt(failures.maxAttempt), 'final (payout failed)': fmt(failures.final) });
  const problems = [...paygate.problems()].sort((a, b) => b[1].count - a[1].count).map(([msg, { level, count }]) => `${level} ×${count}: ${msg}`);
  console.log(`PayGate logged ${problems.length === 0 ? 'no warning or error' : `while measuring:\n  ${problems.join('\n  ')}`}`);
  if (world.tickErrors() > 0) console.log(`ChangeNOW simulator ticks that failed: ${world.tickErrors()}`);
} finally {
  await cleanUp();
}
