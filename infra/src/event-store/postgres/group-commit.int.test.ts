import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { comparePositions, type AppendResult, type EventToAppend, type EventStore, type ExpectedRevision } from '@paygate/domain';
import { createPool } from '../../postgres/index.ts';
import { createPostgresEventStore, migrateEventStore } from './index.ts';

let db: TestDatabase;
let pool: pg.Pool;
let store: EventStore;
beforeAll(async () => {
  db = await createTestDatabase('paygate_es_group');
  pool = createPool(db.url, { max: 4 });
  await migrateEventStore(pool);
  store = createPostgresEventStore({ pool, notifyChannel: null });
});
afterAll(async () => {
  await store?.close();
  await pool?.end();
  await db?.drop();
});

const expectation = fc.oneof(
  fc.constant<ExpectedRevision>('any'),
  fc.constant<ExpectedRevision>('no_stream'),
  fc.constant<ExpectedRevision>('stream_exists'),
  fc.integer({ min: 0, max: 4 }).map((n): ExpectedRevision => BigInt(n)),
);
const operation = fc.record({ stream: fc.integer({ min: 0, max: 2 }), size: fc.integer({ min: 1, max: 3 }), expected: expectation });

const holds = (expected: ExpectedRevision, revision: bigint): boolean =>
  expected === 'any' || (expected === 'no_stream' ? revision === -1n : expected === 'stream_exists' ? revision >= 0n : revision === expected);

it('concurrent group-committed appends with random expected revisions: each success in $all once, in commit order; each conflict wrote nothing', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 2, maxLength: 30 }), async (operations) => {
      const from = (await store.readAll()).at(-1)?.position;
      const streams = [0, 1, 2].map((n) => `group-${n}-${randomUUID()}`);
      const appends = operations.map((op) => ({ ...op, streamId: streams[op.stream]!, events: Array.from({ length: op.size }, (): EventToAppend => ({ id: randomUUID(), type: 'Grouped', data: {} })) }));
      // All issued in one tick, so they go out as group commits.
      const outcomes = await Promise.allSettled(appends.map((a) => store.append(a.streamId, a.events, { expectedRevision: a.expected })));
      const all = (await store.readAll(from === undefined ? {} : { after: from })).filter((e) => streams.includes(e.streamId));
      const written = new Map(all.map((e) => [e.id, e]));

      // Replay $all in order: every success's expectation held against the stream as $all had it then.
      const revisions = new Map<string, bigint>();
      const successes = appends.flatMap((a, i) => (outcomes[i]!.status === 'fulfilled' ? [{ ...a, result: (outcomes[i] as PromiseFulfilledResult<AppendResult>).value }] : []));
      successes.sort((x, y) => comparePositions(x.result.position, y.result.position));
      for (const s of successes) {
        const before = revisions.get(s.streamId) ?? -1n;
        expect(holds(s.expected, before)).toBe(true);
        const stored = s.events.map((e) => written.get(e.id));
        expect(stored.map((e) => e?.streamRevision)).toEqual(s.events.map((_, k) => before + 1n + BigInt(k)));
        expect(stored.at(-1)?.position).toEqual(s.result.position);
        expect(s.result.nextExpectedRevision).toBe(before + BigInt(s.events.length));
        revisions.set(s.streamId, s.result.nextExpectedRevision);
      }
      // Once each, dense and in order: $all holds exactly the successes' events, in their order.
      expect(all.map((e) => e.id)).toEqual(successes.flatMap((s) => s.events.map((e) => e.id)));
      for (let i = 1; i < all.length; i++) expect(all[i]!.position.commit).toBe(all[i - 1]!.position.commit + 1n);
      // Every failure is a conflict that wrote nothing.
      appends.forEach((a, i) => {
        const outcome = outcomes[i]!;
        if (outcome.status === 'fulfilled') return;
        expect(outcome.reason).toMatchObject({ kind: 'conflict' });
        for (const e of a.events) expect(written.has(e.id)).toBe(false);
      });
    }),
    { numRuns: Number(process.env.PAYGATE_PROPERTY_RUNS ?? 25) },
  );
});

it('group-commits: many concurrent appends share a transaction', async () => {
  const prefix = `many-${randomUUID()}-`;
  await Promise.all(Array.from({ length: 40 }, (_, n) => store.append(`${prefix}${n}`, [{ id: randomUUID(), type: 'Grouped', data: {} }])));
  // recorded_at is now(): the start of the transaction that wrote the row (xmin would name the
  // subtransaction each append runs in).
  const { rows } = await pool.query<{ n: number }>('SELECT count(DISTINCT recorded_at)::int AS n FROM paygate_events WHERE stream_id LIKE $1', [`${prefix}%`]);
  expect(rows[0]!.n).toBeLessThanOrEqual(2);
});
