import type pg from 'pg';
import type { AppendResult, EventToAppend, ExpectedRevision } from '@paygate/domain';
import { pgToPayGateError } from '../../postgres/index.ts';
import { conflictError, normalizeExpectation, prepareAppend, type NormalizedExpectation, type PreparedEvent } from '@paygate/domain';
import { appendToPostgres } from './append.ts';

/** Appends one at a time or, when several are waiting, together in one call (`paygate_append_batch`). */
export type GroupCommitter = (streamId: string, events: readonly EventToAppend[], expectedRevision?: ExpectedRevision) => Promise<AppendResult>;

type Pending = {
  streamId: string;
  events: readonly EventToAppend[];
  prepared: PreparedEvent[];
  expectation: NormalizedExpectation;
  expectedRevision: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
};

type BatchRow = { next_revision: string | null; commit_position: string | null; prepare_position: string | null; conflict: string | null; actual_revision: string | null };

const BATCH_SQL = `SELECT next_revision::text, commit_position, prepare_position::text, conflict, actual_revision::text
  FROM paygate_append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

const CONFLICT_MESSAGES: Record<string, string> = {
  wrong_expected_revision: 'wrong expected revision',
  event_ids_elsewhere: 'event ids already appended elsewhere',
  concurrent_same_ids: 'concurrent append of the same event ids',
};

// Each append in a batch is a subtransaction; PostgreSQL tracks up to 64 per transaction cheaply.
export const MAX_BATCH = 50;

/**
 * Group commit. Appends are serialized on one lock (schema-commit-order.ts), so a process gains
 * nothing from sending them side by side; it gains a lot from sending them together. An append
 * that arrives while a batch is in flight waits for it and goes out with the others that arrived
 * meanwhile: one round trip, one lock hold and one WAL flush for all of them, each with its own
 * outcome. A lone append uses the single-append function as before.
 */
export const createGroupCommitter = (pool: pg.Pool, channel: string | null, maxBatch = MAX_BATCH): GroupCommitter => {
  let queue: Pending[] = [];
  let busy = false;

  const sendBatch = async (batch: Pending[]): Promise<void> => {
    let rows: BatchRow[];
    try {
      ({ rows } = await pool.query<BatchRow>({
        name: 'paygate_append_batch',
        text: BATCH_SQL,
        values: [
          batch.map((p) => p.streamId),
          batch.map((p) => p.expectation.kind),
          batch.map((p) => (p.expectation.kind === 'exact' ? p.expectation.revision.toString() : null)),
          batch.map((p) => p.prepared.length),
          batch.flatMap((p) => p.prepared.map((e) => e.id)),
          batch.flatMap((p) => p.prepared.map((e) => e.type)),
          batch.flatMap((p) => p.prepared.map((e) => e.dataJson)),
          batch.flatMap((p) => p.prepared.map((e) => e.metadataJson)),
          channel,
        ],
      }));
    } catch (error) {
      const mapped = pgToPayGateError(error, 'append');
      // Unreachable database: every append's fate is unknown, as for a single append. Anything
      // else (one odd append failing the whole call) must not fail the others: send them alone.
      if (mapped.kind === 'unavailable') for (const p of batch) p.reject(mapped);
      else await Promise.all(batch.map((p) => appendToPostgres(pool, channel, p.streamId, p.events, p.expectedRevision).then(p.resolve, p.reject)));
      return;
    }
    batch.forEach((p, i) => {
      const row = rows[i];
      if (row === undefined) return p.reject(pgToPayGateError(new Error('paygate_append_batch returned too few rows'), 'append'));
      if (row.conflict !== null) {
        return p.reject(conflictError(p.streamId, p.expectedRevision, BigInt(row.actual_revision ?? '-1'), CONFLICT_MESSAGES[row.conflict] ?? row.conflict));
      }
      p.resolve({ nextExpectedRevision: BigInt(row.next_revision!), position: { commit: BigInt(row.commit_position!), prepare: BigInt(row.prepare_position!) } });
    });
  };

  const drain = async (): Promise<void> => {
    busy = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(maxBatch);
        if (batch.length === 1) {
          const [p] = batch as [Pending];
          await appendToPostgres(pool, channel, p.streamId, p.events, p.expectedRevision).then(p.resolve, p.reject);
        } else {
          await sendBatch(batch);
        }
      }
    } finally {
      busy = false;
    }
  };

  return (streamId, events, expectedRevision = 'any') =>
    new Promise<AppendResult>((resolve, reject) => {
      // Validate here, so a bad append fails alone and at once.
      const prepared = prepareAppend(streamId, events);
      const expectation = normalizeExpectation(expectedRevision);
      queue.push({ streamId, events, prepared, expectation, expectedRevision, resolve, reject });
      // Appends made in the same tick go out together; later ones queue behind the batch in flight.
      if (!busy) {
        busy = true;
        setImmediate(() => void drain());
      }
    });
};
