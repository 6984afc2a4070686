import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { eventContentHash, link } from './event-content.ts';
import { withChainSnapshot } from './read-chain.ts';
import { appendThroughEveryPath, asSuperuser, createTestLog, type TestLog } from './test-support/test-log.ts';
import { verifyLog } from './verify-log.ts';

// Each case tampers with a fresh database, directly in PostgreSQL as the superuser, the append-only
// triggers bypassed, and expects `verifyLog` to name what was done.

type Row = { position: string; stream_id: string; stream_revision: string; event_id: string; type: string };

let log: TestLog;
beforeEach(async () => {
  log = await createTestLog();
  await appendThroughEveryPath(log);
});
afterEach(async () => {
  await log?.close();
});

const rowAt = async (pool: pg.Pool, position: number): Promise<Row> =>
  (await pool.query<Row>('SELECT position::text, stream_id, stream_revision::text, event_id::text, type FROM paygate_events WHERE position = $1', [position])).rows[0]!;
const at = (position: number | string) => ({ commit: BigInt(position), prepare: BigInt(position) });

it('verifies a log written through lone appends, group commit and the batch function, page by page', async () => {
  const count = Number((await log.pool.query<{ n: string }>('SELECT count(*) AS n FROM paygate_events')).rows[0]!.n);
  expect(count).toBe(21);
  const anchors: unknown[] = [];
  const report = await verifyLog(log.pool, { pageSize: 4, anchorEvery: 10, onAnchor: (a) => anchors.push(a) });
  expect(report).toMatchObject({ intact: true, events: 21, problems: [], head: { position: at(21), events: 21 } });
  expect(anchors).toHaveLength(2);
  expect(report.anchors.map((a) => a.position)).toEqual([at(10), at(20)]);
  // And the next appends chain on from the head.
  await log.store.append(`later-${randomUUID()}`, [{ id: randomUUID(), type: 'Later', data: {} }]);
  expect(await verifyLog(log.pool, { anchors: report.anchors })).toMatchObject({ intact: true, events: 22, anchorsChecked: 2 });
});

it('verifies a consistent snapshot while appends go on', async () => {
  let appending = true;
  const appends = (async () => {
    for (let n = 0; appending; n++) await Promise.all([0, 1, 2].map((i) => log.store.append(`busy-${i}`, [{ id: randomUUID(), type: 'Busy', data: { n } }])));
  })();
  try {
    for (let run = 0; run < 5; run++) expect(await verifyLog(log.pool, { pageSize: 3 })).toMatchObject({ intact: true, problems: [] });
  } finally {
    appending = false;
    await appends;
  }
  expect(await verifyLog(log.pool)).toMatchObject({ intact: true });
});

describe('tampering as a superuser', () => {
  it('names an event whose data was edited', async () => {
    const target = await rowAt(log.pool, 9);
    await asSuperuser(log.db.url, (c) => c.query(`UPDATE paygate_events SET data = jsonb_set(data, '{amount}', '"999999"') WHERE position = 9`));
    const report = await verifyLog(log.pool);
    expect(report.intact).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'altered', position: at(9), streamId: target.stream_id, revision: BigInt(target.stream_revision), eventId: target.event_id, type: target.type });
  });

  it('names a deleted event by its position and, where its stream goes on, its revision', async () => {
    const target = await rowAt(log.pool, 3);
    await asSuperuser(log.db.url, (c) => c.query('DELETE FROM paygate_events WHERE position = 3'));
    const report = await verifyLog(log.pool);
    expect(report.problems[0]).toMatchObject({ kind: 'removed', position: at(4), missingPositions: { from: 3n, to: 3n } });
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'removed', missingRevisions: { streamId: target.stream_id, from: BigInt(target.stream_revision), to: BigInt(target.stream_revision) } }),
    );
  });

  it('names a forged event inserted between two others with a hash that links to the one before it', async () => {
    const before = await rowAt(log.pool, 12);
    const forged = { stream: `payment-forged-${randomUUID()}`, id: randomUUID() };
    // The forger knows the algorithm: the content hash from the database's own function, linked to position 12.
    await asSuperuser(log.db.url, async (c) => {
      const { rows } = await c.query<{ content: Buffer; chain: Buffer }>(
        `SELECT paygate_event_content(12, 13, $1, 0, $2, 'PaymentRecorded', '{"amount": "5000"}', '{}', '2026-12-07T12:00:00Z') AS content,
                (SELECT chain_hash FROM paygate_events WHERE position = 12) AS chain`,
        [forged.stream, forged.id],
      );
      const { content, chain } = rows[0]!;
      await c.query(
        `INSERT INTO paygate_events (commit_position, position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at, stream_hash, chain_hash)
         VALUES (12, 13, $1, 0, $2, 'PaymentRecorded', '{"amount": "5000"}', '{}', '2026-12-07T12:00:00Z', $3, $4)`,
        [forged.stream, forged.id, link(Buffer.alloc(32), content), link(chain, content)],
      );
    });
    const report = await verifyLog(log.pool);
    expect(report.problems[0]).toMatchObject({ kind: 'inserted', position: { commit: 12n, prepare: 13n }, streamId: forged.stream, eventId: forged.id });
    expect(report.problems[0]!.message).toContain(`after position 12 (stream ${before.stream_id}`);
  });

  it('names a forged event appended past the log head', async () => {
    await asSuperuser(log.db.url, (c) =>
      c.query(
        `INSERT INTO paygate_events (commit_position, position, stream_id, stream_revision, event_id, type, data, stream_hash, chain_hash)
         VALUES (22, 22, 'payment-forged', 0, $1, 'PaymentRecorded', '{}', '\\x00'::bytea, (SELECT last_hash FROM paygate_log_head))`,
        [randomUUID()],
      ),
    );
    expect((await verifyLog(log.pool)).problems[0]).toMatchObject({ kind: 'inserted', position: at(22), streamId: 'payment-forged' });
  });

  it('catches a tail rewritten with every hash recomputed by an anchor taken before', async () => {
    const anchors = (await verifyLog(log.pool, { anchorEvery: 5 })).anchors;
    await asSuperuser(log.db.url, async (c) => {
      await c.query(`UPDATE paygate_events SET data = jsonb_set(data, '{amount}', '"1"') WHERE position = 12`);
      await rechain(log.pool, c);
    });
    expect(await verifyLog(log.pool)).toMatchObject({ intact: true });
    const report = await verifyLog(log.pool, { anchors });
    expect(report.problems[0]).toMatchObject({ kind: 'anchor-mismatch', position: at(15) });
    expect(report.problems[0]!.message).toContain('after position 10 (the last anchor that matches)');
  });
});

/** What a forger who knows the algorithm does: recompute every hash, the stream rows and the head. */
const rechain = async (pool: pg.Pool, client: pg.Client): Promise<void> => {
  const rows = await withChainSnapshot(pool, (snapshot) => snapshot.eventsAfter(undefined, 1_000));
  let chain: Buffer = Buffer.alloc(32);
  const streams = new Map<string, Buffer>();
  for (const row of rows) {
    const content = eventContentHash(row);
    const streamHash = link(streams.get(row.streamId) ?? Buffer.alloc(32), content);
    chain = link(chain, content);
    streams.set(row.streamId, streamHash);
    await client.query('UPDATE paygate_events SET stream_hash = $1, chain_hash = $2 WHERE position = $3', [streamHash, chain, row.position.prepare.toString()]);
  }
  for (const [streamId, hash] of streams) await client.query('UPDATE paygate_streams SET last_hash = $1 WHERE stream_id = $2', [hash, streamId]);
  await client.query('UPDATE paygate_log_head SET last_hash = $1', [chain]);
};
