import { JetStreamApiError } from '@nats-io/jetstream';
import { InvalidArgumentError, InvalidSubjectError, NoRespondersError } from '@nats-io/transport-node';
import { isPayGateError, PayGateError } from '@paygate/domain';

const causedBy = (error: unknown, type: new (...args: never[]) => Error): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof type) return true;
    current = (current as Error).cause; // the cast undoes instanceof narrowing (the error classes are structurally Error)
  }
  return false;
};

/**
 * Maps a NATS client error to the PayGate taxonomy. Anything that is not clearly the caller's
 * fault or a server-side rejection is a connection problem: 'unavailable', retry later.
 * The message names the operation only; the NATS error rides along as `cause` for the logs.
 */
export const brokerError = (operation: string, error: unknown): PayGateError => {
  if (isPayGateError(error)) return error;
  if (error instanceof InvalidArgumentError && error.message.includes('max_payload')) {
    return new PayGateError('too_large', `${operation}: message exceeds the server's max_payload`, {}, { cause: error });
  }
  if (error instanceof InvalidArgumentError || error instanceof InvalidSubjectError) {
    return new PayGateError('validation', `${operation}: ${error.message}`, {}, { cause: error });
  }
  if (error instanceof JetStreamApiError && error.status !== 503) {
    // The server's description (e.g. "subjects overlap with an existing stream") names no secret.
    return new PayGateError('internal', `${operation}: JetStream rejected the request: ${error.message}`, { code: error.code }, { cause: error });
  }
  if (causedBy(error, NoRespondersError)) {
    return new PayGateError('unavailable', `${operation}: no JetStream stream answered (subject not stored, or JetStream down)`, {}, { cause: error });
  }
  return new PayGateError('unavailable', `${operation}: NATS is unreachable`, {}, { cause: error });
};

export const isStreamNotFound = (error: unknown): boolean => error instanceof JetStreamApiError && error.code === 10059;
