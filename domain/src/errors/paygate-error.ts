/**
 * The one error taxonomy. Every layer throws these; the HTTP API and the bot each map `kind`
 * to a response exactly once. `details` is safe to show to the caller; never put secrets in it.
 */
export type ErrorKind =
  | 'validation' // the input is malformed or breaks a rule the caller can fix
  | 'unauthorized' // missing or wrong credentials / signature
  | 'forbidden' // authenticated, but not allowed to see or do this
  | 'not_found'
  | 'conflict' // optimistic concurrency or a business rule about current state
  | 'too_large'
  | 'rate_limited'
  | 'unavailable' // a dependency (database, broker, gateway) is unreachable; retry later
  | 'internal';

export class PayGateError extends Error {
  readonly kind: ErrorKind;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(kind: ErrorKind, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PayGateError';
    this.kind = kind;
    this.details = details;
  }
}

export const isPayGateError = (error: unknown): error is PayGateError => error instanceof PayGateError;

export const validationError = (message: string, details: Record<string, unknown> = {}) =>
  new PayGateError('validation', message, details);

export const unavailableError = (message: string, cause?: unknown) =>
  new PayGateError('unavailable', message, {}, { cause });

export const notFoundError = (message: string, details: Record<string, unknown> = {}) =>
  new PayGateError('not_found', message, details);
