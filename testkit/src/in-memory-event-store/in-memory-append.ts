import {
  conflictError,
  normalizeExpectation,
  NO_STREAM_REVISION,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type NormalizedExpectation as Expectation,
} from '@paygate/domain';
import { checkAppend, type CheckedEvent } from './append-checks.ts';
import type { InMemoryLog, StoredEvent } from './in-memory-log.ts';

const resultOf = (last: StoredEvent): AppendResult => ({ nextExpectedRevision: last.streamRevision, position: { ...last.position } });

const expectationHolds = (expectation: Expectation, current: bigint): boolean => {
  switch (expectation.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_STREAM_REVISION;
    case 'stream_exists':
      return current !== NO_STREAM_REVISION;
    case 'exact':
      return current === expectation.revision;
  }
};

/**
 * A retry of an earlier append: every id already stored, in this stream, contiguous and in this
 * order, where this expectation would have put them (any place for 'any'/'stream_exists').
 * Returns the stored last event then; undefined when no id is stored; 'conflict' otherwise.
 */
const earlierAppend = (log: InMemoryLog, streamId: string, events: readonly CheckedEvent[], expectation: Expectation): StoredEvent | undefined | 'conflict' => {
  const found = events.map((event) => log.ids.get(event.id));
  if (found.every((stored) => stored === undefined)) return undefined;
  const starts = new Set(found.map((stored, index) => (stored?.streamId === streamId ? stored.streamRevision - BigInt(index) : undefined)));
  const [start] = starts;
  if (starts.size !== 1 || start === undefined) return 'conflict';
  const samePlace =
    expectation.kind === 'any' ||
    expectation.kind === 'stream_exists' ||
    (expectation.kind === 'no_stream' && start === 0n) ||
    (expectation.kind === 'exact' && start === expectation.revision + 1n);
  return samePlace ? found.at(-1)! : 'conflict';
};

/**
 * The append rules of the port, as PostgreSQL's `paygate_append` applies them: input checked,
 * then idempotency by event id, then the expected revision, then the write. It runs without an
 * await, so concurrent appends are serialized exactly like the advisory lock does per stream.
 */
export const appendToLog = (
  log: InMemoryLog,
  streamId: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision = 'any',
  recordedAt: Date,
): AppendResult => {
  const checked = checkAppend(streamId, events);
  const expectation = normalizeExpectation(expectedRevision);
  const current = BigInt(log.streams.get(streamId)?.length ?? 0) - 1n;
  const earlier = earlierAppend(log, streamId, checked, expectation);
  if (earlier === 'conflict') throw conflictError(streamId, expectedRevision, current, 'event ids already appended elsewhere');
  if (earlier) return resultOf(earlier);
  if (!expectationHolds(expectation, current)) throw conflictError(streamId, expectedRevision, current);
  return resultOf(log.write(streamId, checked, recordedAt).at(-1)!);
};
