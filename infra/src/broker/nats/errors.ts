import { JetStreamApiError } from '@nats-io/jetstream';
import { InvalidArgumentError, InvalidSubjectError } from '@nats-io/transport-node';
import { isPayGateError, PayGateError } from '@paygate/domain';

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
    return new PayGateError('internal', `${operation}: JetStream rejected the request`, { code: error.code }, { cause: error });
  }
  return new PayGateError('unavailable', `${operation}: NATS is unreachable`, {}, { cause: error });
};

export const isStreamNotFound = (error: unknown): boolean => error instanceof JetStreamApiError && error.code === 10059;
