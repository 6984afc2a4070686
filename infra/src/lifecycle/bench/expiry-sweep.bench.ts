// Expiry sweep at scale: `npm exec -- node infra/src/lifecycle/bench/expiry-sweep.bench.ts`
// (BENCH_SUBSCRIPTIONS, default 100,000). Seeds that many subscriptions as real events, projects
// them, and measures (1) finding the due rows through the partial index against a forced
// sequential scan of the same query (the "load everything" baseline), and (2) a whole sweep
// against the Telegram simulator over HTTP, next to the raw sendMessage rate of that simulator.
// It prints figures and never fails on a number.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { createExpirySweeper, subscriptionEventId } from '@paygate/commands';
import { DAY_MS, money, subscriptionDecider, subscriptionStreamId, type EventStore } from '@paygate/domain';
import { createTelegramClient, createTelegramSandbox } from '@paygate/gateways';
import { createSubscriptionExpirySource, rebuildProjection, subscriptionExpiryQueries, subscriptionsProjection, type AnyKysely } from '@paygate/projections';
import { createTestDatabase } from '@paygate/testkit';
import { createChannelCommands } from '@paygate/commands';
import { createPostgresEventStore, migrateEventStore } from '../../event-store/index.ts';
import { createPool } from '../../postgres/index.ts';

const N = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const CHANNELS = 10;
const SCHEMA = 'read_model';
const BASE = Date.parse('2026-01-01T00:00:00.000Z');
const TOKEN = '7100000001:bench-token';

const out = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};
const inParallel = async (count: number, workers: number, fn: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < count) await fn(next++);
  }));
};

/** Period i ends at BASE + i·30d/N, so the ends are spread evenly over 30 days. */
const seed = async (eventStore: EventStore, users: readonly number[], chatIds: readonly number[]) =>
  inParallel(N, 16, async (i) => {
    const endsAt = BASE + Math.floor((i * 30 * DAY_MS) / N);
    const grantedAt = new Date(endsAt - 30 * DAY_MS).toISOString();
    const channelId = `bench_${i % CHANNELS}`;
    const subscriberId = String(users[i]);
    const invoiceId = `inv_bench_${i}`;
    const events = subscriptionDecider.decide(
      {
        type: 'GrantAccess',
        data: {
          channelId, subscriberId, invoiceId, paymentId: `p${i}`, tierId: 'monthly', chatId: String(chatIds[i % CHANNELS]), durationDays: 30,
          inviteLink: `https://t.me/+bench${i}`, linkName: `pg1-${invoiceId}`, linkExpiresAt: grantedAt, grantedAt, graceSeconds: 86_400,
        },
      },
      subscriptionDecider.initialState,
    );
    const streamId = subscriptionStreamId(channelId, subscriberId);
    await eventStore.append(streamId, events.map((event) => ({ id: subscriptionEventId(streamId, event), type: event.type, data: event.data })), {
      expectedRevision: 'no_stream',
    });
  });

const pageThrough = async (fetch: (after?: { channelId: string; subscriberId: string; endsAt: string }) => Promise<{ channelId: string; subscriberId: string; endsAt: string }[]>) => {
  let count = 0;
  let after: { channelId: string; subscriberId: string; endsAt: string } | undefined;
  for (;;) {
    const rows = await fetch(after);
    count += rows.length;
    if (rows.length < 500) return count;
    after = rows.at(-1);
  }
};

const dueRowCount = async (db: AnyKysely, now: Date) => {
  const source = createSubscriptionExpirySource(db, SCHEMA);
  const windows = [
    { endsAfter: now, endsUntil: new Date(now.getTime() + DAY_MS), daysBefore: 1 },
    { endsAfter: new Date(now.getTime() + DAY_MS), endsUntil: new Date(now.getTime() + 3 * DAY_MS), daysBefore: 3 },
  ];
  let count = 0;
  for (const window of windows) count += await pageThrough((after) => source.dueReminders({ ...window, limit: 500, ...(after ? { after } : {}) }));
  count += await pageThrough((after) => source.dueRevocations({ endedBy: new Date(now.getTime() - DAY_MS), limit: 500, ...(after ? { after } : {}) }));
  return count;
};

const database = await createTestDatabase('paygate_bench_expiry');
const pool = createPool(database.url, { max: 20 });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read models are typed per query
const db: AnyKysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
const sandbox = createTelegramSandbox({ token: TOKEN, clock: () => new Date(BASE + 3 * DAY_MS) });
const server = await sandbox.listen(0);
try {
  out(`PayGate expiry sweep benchmark — ${N.toLocaleString('en-US')} subscriptions over ${CHANNELS} channels — node ${process.version}`);
  await migrateEventStore(pool);
  const eventStore = createPostgresEventStore({ pool });
  const channels = createChannelCommands({ eventStore, clock: () => new Date(BASE) });
  const owner = sandbox.control.createUser({ firstName: 'Owner', startedBot: true });
  const chatIds: number[] = [];
  for (let c = 0; c < CHANNELS; c++) {
    const chat = sandbox.control.createChannel({ ownerId: owner.id, title: `Bench ${c}` });
    sandbox.control.promoteBot({ chatId: chat.id });
    chatIds.push(chat.id);
    await channels.registerChannel({ channelId: `bench_${c}`, chatId: String(chat.id), ownerId: String(owner.id), title: `Bench ${c}` });
    await channels.priceTier({ channelId: `bench_${c}`, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30 });
  }
  const users = Array.from({ length: N }, (_, i) => sandbox.control.createUser({ firstName: `S${i}`, startedBot: true }).id);

  const [, seedMs] = await timed(() => seed(eventStore, users, chatIds));
  out(`seed ${fmt(N)} subscriptions (2 events each, 16 writers)   ${fmt((N * 1000) / seedMs)} subscriptions/s`);
  const [, projectMs] = await timed(() => rebuildProjection({ db, eventStore, projection: subscriptionsProjection, schema: SCHEMA, pageSize: 5_000 }));
  out(`project them into the subscriptions read model          ${fmt((2 * N * 1000) / projectMs)} events/s`);
  await sql`ANALYZE ${sql.id(SCHEMA, 'subscriptions')}`.execute(db);

  const now = new Date(BASE + 3 * DAY_MS);
  await dueRowCount(db, now); // warm the cache and the plans for both measurements
  const [due, indexedMs] = await timed(() => dueRowCount(db, now));
  // Baseline: the same queries with index and bitmap scans disabled in one session (a scan of every row).
  const [, scanMs] = await timed(() =>
    db.connection().execute(async (conn) => {
      await sql`SET enable_indexscan = off`.execute(conn);
      await sql`SET enable_bitmapscan = off`.execute(conn);
      await sql`SET enable_indexonlyscan = off`.execute(conn);
      const count = await dueRowCount(conn, now);
      await sql`RESET ALL`.execute(conn);
      return count;
    }),
  );
  const plan = (await subscriptionExpiryQueries(db, SCHEMA).dueRevocations({ endedBy: new Date(now.getTime() - DAY_MS), limit: 500 }).explain()).map((r) => String(r['QUERY PLAN'])).join(' | ');
  out(`find the ${fmt(due)} due rows (pages of 500), index          ${fmt(indexedMs, 1)} ms   plan: ${/Index|Bitmap/.test(plan) ? 'index' : 'scan'}`);
  out(`same queries, sequential scans only (baseline)         ${fmt(scanMs, 1)} ms   (${fmt(scanMs / indexedMs, 1)}x the indexed time)`);

  const client = createTelegramClient({ apiRoot: server.url, token: TOKEN, rateLimit: false });
  const rawCalls = 2_000;
  const [, rawMs] = await timed(() => inParallel(rawCalls, 8, async (i) => void (await client.sendMessage({ chatId: String(users[i]), text: 'baseline' }))));
  out(`simulator sendMessage over HTTP, 8 at once (baseline)   ${fmt((rawCalls * 1000) / rawMs)} calls/s`);

  const sweeper = createExpirySweeper({ eventStore, telegram: client, source: createSubscriptionExpirySource(db, SCHEMA), clock: () => now, options: { concurrency: 8 } });
  // Memory: peak heap and RSS while sweeping, next to the level before it (the simulator, which keeps
  // every message it receives, lives in this process too, so this over-states the sweeper).
  const before = process.memoryUsage();
  let peak = before;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.heapUsed > peak.heapUsed || m.rss > peak.rss) peak = { ...m, heapUsed: Math.max(m.heapUsed, peak.heapUsed), rss: Math.max(m.rss, peak.rss) };
  }, 20);
  const [summary, sweepMs] = await timed(() => sweeper.sweepExpiries(now));
  clearInterval(sampler);
  const actions = summary.reminded + summary.revoked + summary.noticed;
  const mb = (bytes: number) => fmt(bytes / 1_048_576, 1);
  out(`sweep memory: heap ${mb(before.heapUsed)} → peak ${mb(peak.heapUsed)} MB, rss ${mb(before.rss)} → peak ${mb(peak.rss)} MB`);
  out(`sweep: ${fmt(summary.reminded)} reminders, ${fmt(summary.revoked)} removals (+notices), ${summary.failed} failed   ${fmt(sweepMs / 1000, 1)} s = ${fmt((actions * 1000) / sweepMs)} subscriptions/s`);
  await rebuildProjection({ db, eventStore, projection: subscriptionsProjection, schema: SCHEMA, pageSize: 5_000 });
  const [again, againMs] = await timed(() => sweeper.sweepExpiries(now));
  out(`sweep again once the read model caught up (nothing due) ${fmt(againMs, 1)} ms, ${again.reminded + again.revoked + again.noticed} actions`);
} finally {
  await server.close();
  await db.destroy();
  await database.drop();
}
