import type pg from 'pg';
import { PayGateError } from '@paygate/domain';
import type { ChainRow } from './event-content.ts';
import type { LogHead } from './chain-verifier.ts';
import type { ChainPosition } from './problems.ts';
import type { StreamRow } from './stream-rows.ts';

// data::text and metadata::text: the canonical text the append function hashed, byte for byte.
// recorded_at as exact microseconds (extract returns numeric since PostgreSQL 14).
const EVENTS_AFTER = `SELECT e.commit_position::text AS commit, e.position::text AS prepare, e.stream_id, e.stream_revision::text AS revision,
    e.event_id::text AS event_id, e.type, e.data::text AS data, e.metadata::text AS metadata,
    (extract(epoch FROM e.recorded_at) * 1000000)::bigint::text AS recorded_micros, e.stream_hash, e.chain_hash
  FROM paygate_events e WHERE (e.commit_position, e.position) > ($1::bigint, $2::bigint)
  ORDER BY e.commit_position, e.position LIMIT $3`;

const LAST_EVENT = `SELECT e.commit_position::text AS commit, e.position::text AS prepare, e.chain_hash
  FROM paygate_events e ORDER BY e.commit_position DESC, e.position DESC LIMIT 1`;

const STREAMS_AFTER = `SELECT s.stream_id, s.revision::text AS revision, s.last_hash FROM paygate_streams s
  WHERE s.stream_id > $1 ORDER BY s.stream_id LIMIT $2`;

type EventRecord = {
  commit: string;
  prepare: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_micros: string;
  stream_hash: Buffer | null;
  chain_hash: Buffer | null;
};

const NO_HASH = Buffer.alloc(0);

const toChainRow = (r: EventRecord): ChainRow => ({
  position: { commit: BigInt(r.commit), prepare: BigInt(r.prepare) },
  streamId: r.stream_id,
  revision: BigInt(r.revision),
  eventId: r.event_id,
  type: r.type,
  data: r.data,
  metadata: r.metadata,
  recordedMicros: BigInt(r.recorded_micros),
  // A hash nulled by hand cannot match anything: it is reported like any other mismatch.
  streamHash: r.stream_hash ?? NO_HASH,
  chainHash: r.chain_hash ?? NO_HASH,
});

/** One read-only snapshot of the log: every read through it sees the same committed prefix. */
export type ChainSnapshot = {
  at: string;
  head(): Promise<LogHead>;
  eventsAfter(after: ChainPosition | undefined, limit: number): Promise<ChainRow[]>;
  /** The last event's position and stored chain hash. */
  lastEvent(): Promise<{ position: ChainPosition; chainHash: Buffer } | undefined>;
  streamsAfter(after: string, limit: number): Promise<StreamRow[]>;
};

/**
 * Runs `work` in a REPEATABLE READ, READ ONLY transaction, so the events, the streams and the log
 * head it reads belong together however long it takes and however many appends run meanwhile.
 * It blocks no append (reads take no locks an append waits for).
 */
export const withChainSnapshot = async <T>(pool: pg.Pool, work: (snapshot: ChainSnapshot) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ at: Date; chained: boolean }>(
      `SELECT now() AS at, EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'paygate_events' AND column_name = 'chain_hash'
         AND table_schema = ANY (current_schemas(false))) AS chained`,
    );
    if (!rows[0]!.chained)
      throw new PayGateError('unavailable', 'this database has no hash chain: the PostgreSQL event store is not migrated to version 6 (run paygate migrate), or the events are in KurrentDB');
    const snapshot: ChainSnapshot = {
      at: rows[0]!.at.toISOString(),
      async head() {
        const head = await client.query<{ last_position: string; last_hash: Buffer | null }>('SELECT last_position::text, last_hash FROM paygate_log_head');
        const row = head.rows[0];
        if (row === undefined) return { lastPosition: 0n, lastHash: NO_HASH };
        return { lastPosition: BigInt(row.last_position), lastHash: row.last_hash ?? NO_HASH };
      },
      async eventsAfter(after, limit) {
        const values = [after ? after.commit.toString() : '-1', after ? after.prepare.toString() : '-1', limit];
        const page = await client.query<EventRecord>({ name: 'paygate_audit_chain_page', text: EVENTS_AFTER, values });
        return page.rows.map(toChainRow);
      },
      async lastEvent() {
        const row = (await client.query<{ commit: string; prepare: string; chain_hash: Buffer | null }>(LAST_EVENT)).rows[0];
        return row && { position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }, chainHash: row.chain_hash ?? NO_HASH };
      },
      async streamsAfter(after, limit) {
        const page = await client.query<{ stream_id: string; revision: string; last_hash: Buffer | null }>({ name: 'paygate_audit_streams_page', text: STREAMS_AFTER, values: [after, limit] });
        return page.rows.map((r) => ({ streamId: r.stream_id, revision: BigInt(r.revision), lastHash: r.last_hash ?? NO_HASH }));
      },
    };
    return await work(snapshot);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(failed);
  }
};
