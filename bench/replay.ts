// `npm run bench:replay`: `paygate replay`'s engine over a log of realistic PayGate events, next to
// a raw `$all` read of the same log in the same run. Prints; never fails on a number.
import { Kysely, PostgresDialect } from 'kysely';
import { readModelProjections, runReplay } from '@paygate/projections';
import { createPool, createPostgresEventStore } from '@paygate/infra';
import { createBenchDatabase } from './lib/setup.ts';
import { fmt, row } from './lib/stats.ts';
import { benchReadAll } from './read-all.bench.ts';
import { seedPurchaseLog } from './replay-seed.ts';

const total = Number(process.env.BENCH_REPLAY_EVENTS ?? 200_000);
const pageSize = Number(process.env.BENCH_REPLAY_PAGE ?? 50_000);
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
// Node's own CPU per event (user + system): on a shared machine it moves far less than events/s do.
const cpuMicros = (since: NodeJS.CpuUsage, events: number) => {
  const { user, system } = process.cpuUsage(since);
  return fmt((user + system) / events, 1);
};

console.log(`PayGate replay benchmark — ${new Date().toISOString()} — node ${process.version}, ${fmt(total)} events, pages of ${fmt(pageSize)}`);
// BENCH_REPLAY_DATABASE_URL: replay a log an earlier run kept (BENCH_REPLAY_KEEP=1) instead of seeding one.
const reuse = process.env.BENCH_REPLAY_DATABASE_URL;
const keep = process.env.BENCH_REPLAY_KEEP === '1';
const openExisting = (url: string) => {
  const pool = createPool(url, { max: 10 });
  const eventStore = createPostgresEventStore({ pool });
  return { url, pool, eventStore, drop: async () => [await eventStore.close(), await pool.end()] };
};
const store = reuse ? openExisting(reuse) : await createBenchDatabase();
const db = new Kysely({ dialect: new PostgresDialect({ pool: store.pool }) });
try {
  if (!reuse) {
    const seeded = await seedPurchaseLog(store.eventStore, total);
    row(`seed ${fmt(seeded.events)} purchase events (deciders)`, { 'events/s': fmt(seeded.perSecond) });
    await store.pool.query('VACUUM ANALYZE paygate_events');
  }
  const { rows } = await store.pool.query<{ type: string; n: string }>('SELECT type, count(*)::text AS n FROM paygate_events GROUP BY type ORDER BY count(*) DESC');
  console.log(`  event mix: ${rows.map((r) => `${r.type} ${fmt(Number(r.n))}`).join(', ')}`);

  const rawCpu = process.cpuUsage();
  const raw = await benchReadAll(store.eventStore, pageSize);
  row(`raw $all read, pages of ${fmt(pageSize)}`, { events: fmt(raw.count), 'events/s': fmt(raw.perSecond), 'Node CPU µs/event': cpuMicros(rawCpu, raw.count) });

  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const head = await store.pool.query<{ c: string; p: string; n: string }>(
    'SELECT e.commit_position::text AS c, e.position::text AS p, (SELECT count(*) FROM paygate_events)::text AS n FROM paygate_events e ORDER BY e.commit_position DESC, e.position DESC LIMIT 1',
  );
  const last = head.rows[0]!;
  const replayCpu = process.cpuUsage();
  const result = await runReplay({
    db,
    eventStore: store.eventStore,
    projections: readModelProjections,
    liveSchema: 'read_model',
    shadowSchema: 'bench_replay',
    head: { position: { commit: BigInt(last.c), prepare: BigInt(last.p) }, events: Number(last.n) },
    verify: false,
    pageSize,
    progress: (line) => process.stderr.write(`  ${line}\n`),
  });
  clearInterval(sampler);
  const replayRate = (result.events * 1000) / result.elapsedMs;
  row(`replay of all ${readModelProjections.length} read models`, {
    events: fmt(result.events),
    'events/s': fmt(replayRate),
    'x $all read': fmt(replayRate / raw.perSecond, 2),
    'Node CPU µs/event': cpuMicros(replayCpu, result.events),
    target: '≥ 0.5',
    'RSS before': mb(before),
    'peak RSS': mb(peak),
  });
  const sizes = await Promise.all(
    readModelProjections.flatMap((projection) => projection.tables).map(async (table) => {
      const { rows: counted } = await store.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM bench_replay."${table}"`);
      return `${table} ${fmt(Number(counted[0]!.n))}`;
    }),
  );
  console.log(`  rows: ${sizes.join(', ')}`);
  const again = await benchReadAll(store.eventStore, pageSize);
  row('raw $all read again (after the replay)', { 'events/s': fmt(again.perSecond), 'x replay': fmt(again.perSecond / replayRate, 2) });
} finally {
  if (keep && !reuse) console.log(`  kept the log for BENCH_REPLAY_DATABASE_URL=${store.url}`);
  else await store.drop();
}
