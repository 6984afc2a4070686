import type pg from 'pg';
import { NO_STREAM_REVISION, type AppendResult, type EventToAppend, type ExpectedRevision } from '@paygate/domain';
import { pgErrorCode, pgToPayGateError } from '../../postgres/index.ts';
import { conflictError, normalizeExpectation, prepareAppend } from '@paygate/domain';
import { CONFLICT_SQLSTATE } from './schema.ts';

const APPEND_SQL = 'SELECT next_revision::text, commit_position, prepare_position::text FROM paygate_append($1, $2, $3, $4, $5, $6, $7, $8, $9)';

type AppendRow = { next_revision: string; commit_position: string; prepare_position: string };

// The function skips the event-id lookup on its fast path and lets the unique index catch a
// stored id (a retried append, or a concurrent append of the same id). Then we call it again
// asking it to check the ids, which turns the append into an idempotent success or a conflict.
const MAX_ATTEMPTS = 3;

const currentRevision = async (pool: pg.Pool, streamId: string): Promise<bigint> => {
  try {
    const { rows } = await pool.query<{ revision: string }>('SELECT revision::text FROM paygate_streams WHERE stream_id = $1', [streamId]);
    return rows[0] === undefined ? NO_STREAM_REVISION : BigInt(rows[0].revision);
  } catch (error) {
    throw pgToPayGateError(error, 'append');
  }
};

export const appendToPostgres = async (
  pool: pg.Pool,
  channel: string | null,
  streamId: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision = 'any',
): Promise<AppendResult> => {
  const prepared = prepareAppend(streamId, events);
  const expectation = normalizeExpectation(expectedRevision);
  const values = [
    streamId,
    expectation.kind,
    expectation.kind === 'exact' ? expectation.revision.toString() : null,
    prepared.map((e) => e.id),
    prepared.map((e) => e.type),
    prepared.map((e) => e.dataJson),
    prepared.map((e) => e.metadataJson),
    channel,
    false,
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await pool.query<AppendRow>({ name: 'paygate_append', text: APPEND_SQL, values });
      const row = rows[0];
      if (row === undefined) throw new Error('paygate_append returned no row');
      return {
        nextExpectedRevision: BigInt(row.next_revision),
        position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
      };
    } catch (error) {
      const code = pgErrorCode(error);
      if (code === CONFLICT_SQLSTATE) {
        const { detail, hint } = error as { detail?: string; hint?: string };
        const message = hint === 'event_ids_elsewhere' ? 'event ids already appended elsewhere' : 'wrong expected revision';
        throw conflictError(streamId, expectedRevision, detail === undefined ? NO_STREAM_REVISION : BigInt(detail), message);
      }
      if (code === '23505' && attempt < MAX_ATTEMPTS) {
        values[8] = true; // p_check_ids
        continue;
      }
      if (code === '23505') throw conflictError(streamId, expectedRevision, await currentRevision(pool, streamId), 'concurrent append of the same event ids');
      throw pgToPayGateError(error, 'append');
    }
  }
};
