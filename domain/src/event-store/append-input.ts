import { PayGateError, validationError } from '../errors/index.ts';
import type { ExpectedRevision } from './event-store.ts';
import type { EventToAppend } from './recorded-event.ts';

// The input rules of the EventStore port, in one place: every adapter (PostgreSQL, KurrentDB,
// the in-memory one in testkit) applies them, so a bad append fails the same way everywhere.

/** Expected revision in the form adapters act on; -1n (NO_STREAM_REVISION) means 'no_stream'. */
export type NormalizedExpectation = { kind: 'any' | 'no_stream' | 'stream_exists' } | { kind: 'exact'; revision: bigint };

/** A validated event: lower-case id, JSON already encoded (and therefore known to be JSON). */
export type PreparedEvent = { id: string; type: string; data: unknown; dataJson: string; metadata: Record<string, unknown>; metadataJson: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const normalizeExpectation = (expected: ExpectedRevision | undefined): NormalizedExpectation => {
  if (expected === undefined || expected === 'any') return { kind: 'any' };
  if (expected === 'no_stream' || expected === 'stream_exists') return { kind: expected };
  if (typeof expected === 'bigint') {
    if (expected === -1n) return { kind: 'no_stream' };
    if (expected >= 0n) return { kind: 'exact', revision: expected };
  }
  throw validationError('expectedRevision must be any, no_stream, stream_exists or a bigint >= -1');
};

const encodeJson = (value: unknown, what: string, index: number): string => {
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_key, v: unknown) => {
      // bigint has no JSON form; silently stringifying it would change its type on read.
      if (typeof v === 'bigint') throw validationError(`${what} contains a bigint; encode it as a string`, { index });
      return v;
    });
  } catch (error) {
    if (error instanceof PayGateError) throw error;
    throw validationError(`${what} is not JSON-serializable`, { index });
  }
  if (json === undefined) throw validationError(`${what} is not JSON-serializable`, { index });
  return json;
};

/** Checks an append's input the same way for every adapter, so they fail alike. */
export const prepareAppend = (streamId: string, events: readonly EventToAppend[]): PreparedEvent[] => {
  if (typeof streamId !== 'string' || streamId.length === 0) throw validationError('streamId must be a non-empty string');
  if (streamId.startsWith('$')) throw validationError('streamId must not start with $ (reserved for system streams)');
  if (events.length === 0) throw validationError('append needs at least one event', { streamId });
  const seen = new Set<string>();
  return events.map((event, index) => {
    const id = typeof event.id === 'string' ? event.id.toLowerCase() : '';
    if (!UUID.test(id)) throw validationError('event id must be a UUID', { streamId, index });
    if (seen.has(id)) throw validationError('the same event id appears twice in one append', { streamId, index });
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$'))
      throw validationError('event type must be a non-empty string not starting with $', { streamId, index });
    const metadata = event.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
      throw validationError('event metadata must be an object', { streamId, index });
    return {
      id,
      type: event.type,
      data: event.data,
      dataJson: encodeJson(event.data, 'event data', index),
      metadata,
      metadataJson: encodeJson(metadata, 'event metadata', index),
    };
  });
};

export const conflictError = (
  streamId: string,
  expectedRevision: ExpectedRevision,
  actualRevision: bigint,
  message = 'wrong expected revision',
): PayGateError => new PayGateError('conflict', `${message} for stream ${streamId}`, { streamId, expectedRevision, actualRevision });

/** `maxCount` of a read: undefined reads everything. */
export const checkMaxCount = (maxCount: number | undefined): number => {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw validationError('maxCount must be a non-negative integer');
  return maxCount;
};
