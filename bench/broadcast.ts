// `npm run bench:broadcast`: one broadcast to 10,000 subscribers through the Telegram sandbox over
// HTTP, as the scheduler sends it: recipients frozen into a PostgreSQL delivery stream, chunks
// claimed and recorded, every message paced by the runtime's shared queue at priority 'broadcast'
// with the owner's progress DM edited as it goes. Printed against the pacer's configured budget and
// the same run's raw sandbox sendMessage rate; memory of this process (the sandbox runs in a child)
// before, at peak and after. An access-priority DM sent mid-broadcast shows how long an invite
// waits behind it. Prints; never fails on a number.
// Knobs: BENCH_BROADCAST_SUBSCRIBERS (10000), BENCH_BROADCAST_BUDGET (300 messages/s: the queue's
// global rate and burst), BENCH_BROADCAST_CHUNK (25), BENCH_BROADCAST_PARALLEL (4 chunks in flight),
// BENCH_BROADCAST_RAW (3000 baseline calls), BENCH_BROADCAST_RAW_CONCURRENCY (64).
import { fork } from 'node:child_process';
import { createBroadcastCommands, runDueBroadcast } from '@paygate/commands';
import { createThrottleQueue } from '@paygate/gateways';
import { createTelegramGateway } from '../infra/src/runtime/telegram-gateway.ts';
import { sampleMemory, settledMemory } from './broadcast/memory-sampler.ts';
import { rawSendRate } from './broadcast/raw-baseline.ts';
import { createBenchDatabase } from './lib/setup.ts';
import { fmt, row } from './lib/stats.ts';

const subscribers = Number(process.env.BENCH_BROADCAST_SUBSCRIBERS ?? 10_000);
const budget = Number(process.env.BENCH_BROADCAST_BUDGET ?? 300);
const chunkSize = Number(process.env.BENCH_BROADCAST_CHUNK ?? 25);
const parallelChunks = Number(process.env.BENCH_BROADCAST_PARALLEL ?? 4);
const rawCount = Number(process.env.BENCH_BROADCAST_RAW ?? 3_000);
const rawConcurrency = Number(process.env.BENCH_BROADCAST_RAW_CONCURRENCY ?? 64);
const token = '7100000042:bench-broadcast-token';
const marker = 'Weekly digest';

type Ready = { kind: 'ready'; url: string; ownerId: string; userIds: string[] };
type Tally = { kind: 'tally'; once: number; more: number; none: number };

console.log(
  `PayGate broadcast benchmark — ${new Date().toISOString()} — node ${process.version}, ${fmt(subscribers)} subscribers, ` +
    `budget ${budget} messages/s, chunks of ${chunkSize} × ${parallelChunks} in flight, PostgreSQL event store, sandbox in a child process`,
);

const child = fork(new URL('./broadcast/sandbox-process.ts', import.meta.url), {
  env: { ...process.env, BENCH_BROADCAST_TOKEN: token, BENCH_BROADCAST_SUBSCRIBERS: String(subscribers), BENCH_BROADCAST_MARKER: marker },
});
const next = <T>(kind: string) => new Promise<T>((resolve) => child.on('message', (m: { kind: string }) => m.kind === kind && resolve(m as T)));
const { url, ownerId, userIds } = await next<Ready>('ready');

const raw = await rawSendRate({ url, token, chatId: ownerId, count: rawCount, concurrency: rawConcurrency });
row('baseline: raw sandbox sendMessage', { 'messages/s': fmt(raw), calls: fmt(rawCount), concurrency: String(rawConcurrency) });

const database = await createBenchDatabase();
try {
  const eventStore = database.eventStore;
  const clock = () => new Date();
  const queue = createThrottleQueue({ limits: { globalPerSecond: budget, globalBurst: budget } });
  const telegram = createTelegramGateway({ apiRoot: () => url, token }, queue, 'reminder');
  const channel = { channelId: 'bench', ownerId, title: 'Bench channel', tiers: [{ tierId: 'monthly', name: 'Monthly', retired: false }] };
  const loadChannel = async () => channel;
  const commands = createBroadcastCommands({ eventStore, clock, loadChannel });
  const owner = { channelId: 'bench', requestedBy: ownerId };
  await commands.draftBroadcast({ ...owner, broadcastId: 'b1', audience: 'subscribers', html: `<b>${marker}</b>: what happened this week`, tierButtons: true });
  await commands.scheduleBroadcast({ ...owner, broadcastId: 'b1', schedule: { kind: 'now' } });

  const before = await settledMemory();
  const sampler = sampleMemory();
  // An invite-priority DM halfway through: how long it waits for a slot behind the broadcast.
  const expectedMs = (subscribers / budget) * 1000;
  let accessWaitMs = Number.NaN;
  const probe = setTimeout(() => {
    const sentAt = performance.now();
    void telegram.atPriority('access').sendMessage({ chatId: ownerId, text: 'your invite link' }).then(() => (accessWaitMs = performance.now() - sentAt));
  }, expectedMs / 2);
  const started = performance.now();
  const run = await runDueBroadcast(
    {
      eventStore,
      telegram,
      clock,
      botUsername: 'paygate_bench_bot',
      commands,
      loadChannel,
      recipients: { activeSubscribers: async () => userIds },
      chunkSize,
      parallelChunks,
      progressEveryMs: 2_000,
    },
    { channelId: 'bench', broadcastId: 'b1' },
  );
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(probe);
  const peak = sampler.stop();
  const after = await settledMemory();
  child.send({ kind: 'tally' });
  const tally = await next<Tally>('tally');

  const rate = (run?.sent ?? 0) / seconds;
  row(`broadcast: ${fmt(subscribers)} through the pacer`, {
    'messages/s': fmt(rate),
    budget: fmt(budget),
    'of budget': `${fmt((rate / budget) * 100, 1)}%`,
    'of raw': `${fmt((rate / raw) * 100, 1)}%`,
    seconds: fmt(seconds, 1),
    sent: fmt(run?.sent ?? 0),
    failed: fmt(run?.failed ?? 0),
    complete: String(run?.complete ?? false),
  });
  row('delivery check (sandbox)', { 'exactly once': fmt(tally.once), 'more than once': fmt(tally.more), none: fmt(tally.none) });
  row('access DM sent mid-broadcast', { 'wait ms': fmt(accessWaitMs, 1) });
  row('memory (this process, MB)', {
    'rss before': fmt(before.rss, 1),
    'rss peak': fmt(peak.peakRss, 1),
    'rss after': fmt(after.rss, 1),
    'heap before': fmt(before.heap, 1),
    'heap peak': fmt(peak.peakHeap, 1),
    'heap after': fmt(after.heap, 1),
    gc: after.gc ? 'forced' : 'not exposed',
  });
} finally {
  await database.drop();
  child.send({ kind: 'exit' });
}
