// `npm run bench`: every figure next to a baseline measured in the same run on the same server.
// Benchmarks print; they never fail on a number (timed tests flake on shared machines).
import { createNatsBroker } from '@paygate/infra';
import { benchAppends } from './append.bench.ts';
import { deleteStreams } from './lib/jetstream.ts';
import { createBenchDatabase } from './lib/setup.ts';
import { pgbenchInsertBaseline } from './lib/pgbench.ts';
import { fmt, row } from './lib/stats.ts';
import { benchProjectionRebuild } from './projection-rebuild.bench.ts';
import { benchReadAll, seedEvents } from './read-all.bench.ts';
import { benchRelayBacklog, benchRelayLag } from './relay.bench.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const totalEvents = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const relayEvents = Number(process.env.BENCH_RELAY_EVENTS ?? 100_000);
const lagRate = Number(process.env.BENCH_LAG_RATE ?? 1_000);
// Events per rebuild transaction: more events per page fold more of them into each row written.
const rebuildPages = (process.env.BENCH_REBUILD_PAGES ?? '5000,50000').split(',').filter(Boolean).map(Number);
const clients = 16;
const natsUrl = process.env.BENCH_NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

console.log(`PayGate benchmarks — ${new Date().toISOString()} — node ${process.version}, ${seconds}s per timed phase`);

const store = await createBenchDatabase();
try {
  const baseline = await pgbenchInsertBaseline(store.url, clients, seconds);
  row(`pgbench single-row JSONB insert, ${clients} clients`, {
    'tx/s': fmt(baseline.tps),
    p50: `${fmt(baseline.p50, 2)}ms`,
    p99: `${fmt(baseline.p99, 2)}ms`,
  });
  const appends = await benchAppends(store.eventStore, clients, seconds);
  row(`append 1 event to a new stream, ${clients} writers`, {
    'events/s': fmt(appends.perSecond),
    p50: `${fmt(appends.p50, 2)}ms`,
    p99: `${fmt(appends.p99, 2)}ms`,
    'x baseline': fmt(appends.perSecond / baseline.tps, 2),
  });

  const seedRate = await seedEvents(store.eventStore, totalEvents);
  row(`seed ${fmt(totalEvents)} events (1,000 per append)`, { 'events/s': fmt(seedRate) });
  const readAll = await benchReadAll(store.eventStore);
  row(`read $all over ${fmt(readAll.count)} events`, { 'events/s': fmt(readAll.perSecond) });
  for (const pageSize of rebuildPages) {
    const rebuild = await benchProjectionRebuild(store.pool, store.eventStore, pageSize);
    row(`projection rebuild, pages of ${fmt(pageSize)}, over ${fmt(rebuild.count)} events`, {
      'events/s': fmt(rebuild.perSecond),
      'x $all read': fmt(rebuild.perSecond / readAll.perSecond, 2),
      target: '≥ 0.2 (aim 0.5)',
    });
  }
} finally {
  await store.drop();
}

const relayStore = await createBenchDatabase();
const benchStream = `PAYGATE_BENCH_${Date.now()}`;
const subjectPrefix = `bench.${benchStream.toLowerCase()}`;
const broker = await createNatsBroker({ servers: natsUrl, streamName: benchStream, subjects: [`${subjectPrefix}.>`] });
try {
  await seedEvents(relayStore.eventStore, relayEvents);
  // Positions are commit-ordered, so every committed append is in $all at once.
  const seeded = await relayStore.eventStore.readAll({ maxCount: relayEvents });
  const head = seeded.at(-1)!.position;
  const backlog = await benchRelayBacklog({ ...relayStore, broker, subjectPrefix }, head);
  row(`relay backlog of ${fmt(backlog.count)} events → JetStream`, { 'events/s': fmt(backlog.perSecond) });
  const lag = await benchRelayLag({ ...relayStore, broker, subjectPrefix }, head, lagRate, seconds);
  row(`append call → JetStream ack lag at ${fmt(lagRate)} events/s`, {
    p50: `${fmt(lag.p50, 2)}ms`,
    p99: `${fmt(lag.p99, 2)}ms`,
    events: fmt(lag.count),
  });
} finally {
  await broker.close();
  await deleteStreams(natsUrl, benchStream, `${benchStream}_DEAD`, `${benchStream}_REPLAY`);
  await relayStore.drop();
}
