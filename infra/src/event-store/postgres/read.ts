import type pg from 'pg';
import { validationError, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent } from '@paygate/domain';
import { pgToPayGateError } from '../../postgres/index.ts';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows.ts';

// Positions are handed out in commit order (schema-commit-order.ts), so what a snapshot shows is
// always a prefix of $all: no filter on other transactions is needed.
const READ_ALL_FROM_START = `SELECT ${EVENT_COLUMNS} FROM paygate_events e
  ORDER BY e.commit_position, e.position LIMIT $1`;
const READ_ALL_AFTER = `SELECT ${EVENT_COLUMNS} FROM paygate_events e
  WHERE (e.commit_position, e.position) > ($2::bigint, $3::bigint)
  ORDER BY e.commit_position, e.position LIMIT $1`;
const READ_STREAM = `SELECT ${EVENT_COLUMNS} FROM paygate_events e
  WHERE e.stream_id = $1 AND e.stream_revision >= $2 ORDER BY e.stream_revision LIMIT $3`;

const limit = (maxCount: number | undefined): number | null => {
  if (maxCount === undefined) return null; // LIMIT NULL: everything
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw validationError('maxCount must be a non-negative integer');
  return maxCount;
};

export const readAllFromPostgres = async (pool: pg.Pool, options: ReadAllOptions = {}): Promise<RecordedEvent[]> => {
  const max = limit(options.maxCount);
  const after = options.after;
  try {
    // Positions are never negative: any position before the first means "from the start".
    const { rows } =
      after === undefined || after.commit < 0n
        ? await pool.query<EventRow>({ name: 'paygate_read_all_start', text: READ_ALL_FROM_START, values: [max] })
        : await pool.query<EventRow>({
            name: 'paygate_read_all_after',
            text: READ_ALL_AFTER,
            values: [max, after.commit.toString(), after.prepare.toString()],
          });
    return rows.map(toRecordedEvent);
  } catch (error) {
    throw pgToPayGateError(error, 'reading $all');
  }
};

export const readStreamFromPostgres = async (pool: pg.Pool, streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> => {
  const max = limit(options.maxCount);
  const from = options.fromRevision ?? 0n;
  if (from < 0n) throw validationError('fromRevision must be >= 0');
  try {
    const { rows } = await pool.query<EventRow>({ name: 'paygate_read_stream', text: READ_STREAM, values: [streamId, from.toString(), max] });
    return rows.map(toRecordedEvent);
  } catch (error) {
    throw pgToPayGateError(error, 'reading a stream');
  }
};
