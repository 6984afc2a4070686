import type { EventMetadata, RecordedEvent } from '@paygate/domain';

/** Columns every read selects; bigints come back as text and are converted explicitly. */
// Always select FROM paygate_events e and ORDER BY e.<column>: a bare ORDER BY name would pick the
// text alias below and sort revisions as strings.
export const EVENT_COLUMNS = `e.commit_position::text AS commit_position, e.position::text AS prepare_position, e.stream_id,
  e.stream_revision::text AS stream_revision, e.event_id::text AS event_id, e.type, e.data, e.metadata, e.recorded_at`;

export type EventRow = {
  commit_position: string;
  prepare_position: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
};

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  streamRevision: BigInt(row.stream_revision),
  position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
  recordedAt: row.recorded_at,
});
