// `npm run bench:lifecycle`: PaymentReceived → invite DM delivered, at steady payment rates through
// the NOWPayments sandbox, with the real roles (api, relay, projector, workers) in this process on
// PostgreSQL and NATS JetStream; next to the same run's raw sendMessage round trip to the Telegram
// simulator and single-append round trip, and each rate's target from issue 9 (at or above the
// bot's message budget: invites drain at ≥ 0.9× it; below it: PaymentReceived → invite DM p99
// ≤ 1 s). Prints; never fails on a number.
import { uniqueName } from '@paygate/testkit';
import { deleteStreams } from './lib/jetstream.ts';
import { createBenchDatabase } from './lib/setup.ts';
import { fmt, row } from './lib/stats.ts';
import { appendRoundTrip, sendMessageRoundTrip } from './lifecycle/baselines.ts';
import { benchInviteLatency } from './lifecycle/invite-latency.ts';
import { startBenchPayGate, type BenchPayGate } from './lifecycle/paygate-in-process.ts';
import { seedPurchases } from './lifecycle/seed.ts';
import { settleAccessPipeline } from './lifecycle/settle.ts';
import { lifecycleTarget } from './lifecycle/targets.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rates = (process.env.BENCH_LIFECYCLE_RATES ?? '10,20,100').split(',').filter(Boolean).map(Number);
const channels = Number(process.env.BENCH_LIFECYCLE_CHANNELS ?? 10);
const baselineCalls = Number(process.env.BENCH_LIFECYCLE_BASELINE_CALLS ?? 500);
const logLevel = process.env.BENCH_LIFECYCLE_LOG_LEVEL ?? 'info';
const roles = (process.env.BENCH_LIFECYCLE_ROLES ?? 'api,relay,projector,workers').split(',');
const natsUrl = process.env.BENCH_NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const messagesPerSecond = process.env.TELEGRAM_MESSAGES_PER_SECOND;
const ms = (value: number) => `${fmt(value, value < 10 ? 2 : 0)}ms`;

const store = await createBenchDatabase();
const stream = uniqueName('PAYGATE_LIFECYCLE_BENCH');
let bench: BenchPayGate | undefined;
try {
  bench = await startBenchPayGate({ databaseUrl: store.url, natsUrl, stream, roles, logLevel, ...(messagesPerSecond === undefined ? {} : { messagesPerSecond }) });
  const budget = bench.messagesPerSecond;
  console.log(
    `PayGate lifecycle benchmark — ${new Date().toISOString()} — node ${process.version}, ${seconds}s per rate, ` +
      `${channels} channels, roles ${roles.join(',')} in one process, LOG_LEVEL=${logLevel}, Telegram pacing ${budget} msg/s (TELEGRAM_MESSAGES_PER_SECOND), 1/s per chat`,
  );

  const send = await sendMessageRoundTrip(bench, baselineCalls);
  row(`baseline: sendMessage → simulator, 1 at a time`, { 'calls/s': fmt(send.perSecond), p50: ms(send.p50), p99: ms(send.p99) });
  const append = await appendRoundTrip(store.eventStore, baselineCalls);
  row(`baseline: append 1 event, 1 at a time`, { 'appends/s': fmt(append.perSecond), p50: ms(append.p50), p99: ms(append.p99) });

  for (const rate of rates) {
    const count = Math.round(rate * seconds);
    const seeded = await seedPurchases(bench, { phase: String(rate), channels, count });
    const settled = await settleAccessPipeline(store.pool, natsUrl, stream);
    row(`seed ${fmt(count)} invoices over ${channels} channels`, { seconds: fmt(seeded.seconds, 1), 'then settled in': `${fmt(settled, 1)}s` });

    const result = await benchInviteLatency(bench, store.eventStore, { ...seeded, rate, seconds });
    row(`${rate} payments/s × ${seconds}s: PaymentReceived → invite DM`, {
      p50: ms(result.invite.p50),
      p99: ms(result.invite.p99),
      delivered: `${fmt(result.delivered)}/${fmt(result.paid)}`,
      'DMs/s': fmt(result.dmPerSecond, 1),
      // Above the budget the backlog drains while payments still come in and after: both rates count.
      ...(rate >= bench.messagesPerSecond ? { 'while paying/after': `${fmt(result.dmPerSecondWhilePaying, 1)}/${fmt(result.dmPerSecondAfter, 1)}` } : {}),
      duplicates: fmt(result.duplicates),
      'not invites': fmt(result.notInvites),
    });
    row(`  of which PaymentReceived → access claim`, { p50: ms(result.toClaim.p50), p99: ms(result.toClaim.p99) });
    row(`  and claim → DM (link, grant, pacing, send)`, { p50: ms(result.claimToDm.p50), p99: ms(result.claimToDm.p99) });
    row(`  sandbox pay (5 IPNs → webhook) at that rate`, {
      p50: ms(result.pay.p50),
      p99: ms(result.pay.p99),
      failed: fmt(result.failedPayments),
      'max send lag': ms(result.maxSendDelayMs),
      'owner DMs meanwhile': fmt(result.ownerMessages),
      'drained after': `${fmt(result.drainSeconds, 1)}s`,
    });
    const target = lifecycleTarget(rate, budget, { dmPerSecond: result.dmPerSecond, p99Ms: result.invite.p99 });
    row(`  target (${rate >= budget ? 'at or above' : 'below'} the budget)`, { measured: target.measured, target: target.target, met: target.met ? 'yes' : 'NO' });
    await settleAccessPipeline(store.pool, natsUrl, stream);
  }
  const problems = [...bench.problems()].map(([msg, { level, count }]) => `${level} ×${count}: ${msg}`);
  console.log(`PayGate logged ${problems.length === 0 ? 'no warning or error' : `while measuring:\n  ${problems.join('\n  ')}`}`);
} finally {
  await bench?.stop();
  await deleteStreams(natsUrl, stream, `${stream}_DEAD`, `${stream}_REPLAY`);
  await store.drop();
}
