import { PayGateError, validationError, type EventToAppend, type ExpectedRevision } from '@paygate/domain';

/*
 * The same input rules the production adapters apply (infra/src/event-store/append-input.ts),
 * restated here because testkit may not import infra: a test on the in-memory store must fail
 * where PostgreSQL would. The shared contract suite keeps the two in step.
 */

export type Expectation = { kind: 'any' | 'no_stream' | 'stream_exists' } | { kind: 'exact'; revision: bigint };

/** An event as the log keeps it: JSON text, so every read hands out a fresh copy, as a database would. */
export type CheckedEvent = { id: string; type: string; dataJson: string; metadataJson: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const checkExpectation = (expected: ExpectedRevision | undefined): Expectation => {
  if (expected === undefined || expected === 'any') return { kind: 'any' };
  if (expected === 'no_stream' || expected === 'stream_exists') return { kind: expected };
  if (typeof expected === 'bigint') {
    if (expected === -1n) return { kind: 'no_stream' };
    if (expected >= 0n) return { kind: 'exact', revision: expected };
  }
  throw validationError('expectedRevision must be any, no_stream, stream_exists or a bigint >= -1');
};

const toJson = (value: unknown, what: string, index: number): string => {
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_key, item: unknown) => {
      // bigint has no JSON form: PostgreSQL's adapter refuses it rather than change its type on read.
      if (typeof item === 'bigint') throw validationError(`${what} contains a bigint; encode it as a string`, { index });
      return item;
    });
  } catch (error) {
    if (error instanceof PayGateError) throw error;
    throw validationError(`${what} is not JSON-serializable`, { index });
  }
  if (json === undefined) throw validationError(`${what} is not JSON-serializable`, { index });
  return json;
};

export const checkStreamId = (streamId: string): void => {
  if (typeof streamId !== 'string' || streamId.length === 0) throw validationError('streamId must be a non-empty string');
  if (streamId.startsWith('$')) throw validationError('streamId must not start with $ (reserved for system streams)');
};

export const checkAppend = (streamId: string, events: readonly EventToAppend[]): CheckedEvent[] => {
  checkStreamId(streamId);
  if (events.length === 0) throw validationError('append needs at least one event', { streamId });
  const seen = new Set<string>();
  return events.map((event, index) => {
    const id = typeof event.id === 'string' ? event.id.toLowerCase() : '';
    if (!UUID.test(id)) throw validationError('event id must be a UUID', { streamId, index });
    if (seen.has(id)) throw validationError('the same event id appears twice in one append', { streamId, index });
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw validationError('event type must be a non-empty string not starting with $', { streamId, index });
    }
    const metadata = event.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw validationError('event metadata must be an object', { streamId, index });
    }
    return { id, type: event.type, dataJson: toJson(event.data, 'event data', index), metadataJson: toJson(metadata, 'event metadata', index) };
  });
};

export const checkMaxCount = (maxCount: number | undefined): number => {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw validationError('maxCount must be a non-negative integer');
  return maxCount;
};

export const conflict = (streamId: string, expectedRevision: ExpectedRevision, actualRevision: bigint, message = 'wrong expected revision'): PayGateError =>
  new PayGateError('conflict', `${message} for stream ${streamId}`, { streamId, expectedRevision, actualRevision });
