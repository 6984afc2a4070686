import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  NO_STREAM_REVISION,
  PayGateError,
  comparePositions,
  type EventMetadata,
  type ExpectedRevision,
  type GlobalPosition,
  type RecordedEvent,
} from '@paygate/domain';
import { conflictError, type NormalizedExpectation } from '@paygate/domain';

export const toStreamState = (expectation: NormalizedExpectation): AppendStreamState => {
  switch (expectation.kind) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'exact':
      return expectation.revision;
  }
};

const isMetadata = (value: unknown): value is EventMetadata => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A KurrentDB event as a port event; undefined for system events and unresolved links. */
export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (event === undefined || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  const position: GlobalPosition | undefined =
    event.position ?? (resolved.commitPosition === undefined ? undefined : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
  if (position === undefined) throw new PayGateError('internal', 'KurrentDB returned an event without a position (server older than 22.6?)');
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: isMetadata(event.metadata) ? event.metadata : {},
    streamId: event.streamId,
    streamRevision: event.revision,
    position: { commit: position.commit, prepare: position.prepare },
    recordedAt: event.created,
  };
};

/** True when `event` lies strictly after `after` (KurrentDB reads from a position inclusively). */
export const isAfter = (event: RecordedEvent, after: GlobalPosition | undefined): boolean =>
  after === undefined || comparePositions(event.position, after) > 0;

// Some client paths surface raw gRPC errors: UNAVAILABLE (14) and DEADLINE_EXCEEDED (4) mean
// "try again later".
const TRANSIENT_GRPC_CODES = new Set([4, 14]);
const TRANSIENT_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);
const isTransientGrpcError = (error: unknown): boolean => {
  const { code, type } = (error ?? {}) as { code?: unknown; type?: unknown };
  return (typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code)) || (typeof type === 'string' && TRANSIENT_TYPES.has(type));
};

/** Maps client errors to the PayGate taxonomy; a wrong expected version becomes a conflict. */
export const toPayGateErrorFromKurrent = (error: unknown, what: string, streamId?: string, expected?: ExpectedRevision): PayGateError => {
  if (error instanceof PayGateError) return error;
  if (error instanceof WrongExpectedVersionError && streamId !== undefined) {
    const actual = error.actualState === NO_STREAM ? NO_STREAM_REVISION : error.actualState;
    return conflictError(streamId, expected ?? 'any', typeof actual === 'bigint' ? actual : NO_STREAM_REVISION);
  }
  if (
    isTransientGrpcError(error) ||
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError
  )
    return new PayGateError('unavailable', `KurrentDB is unavailable (${what})`, {}, { cause: error });
  if (error instanceof AccessDeniedError) return new PayGateError('internal', `KurrentDB denied access (${what}); check the connection string's credentials`, {}, { cause: error });
  return new PayGateError('internal', `KurrentDB error during ${what}`, {}, { cause: error });
};
