import { PayGateError } from '@paygate/domain';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database is not there (yet)
]);

const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Connection terminated due to connection timeout/i,
  /Client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /Client was closed and is not queryable/i,
];

/** The SQLSTATE (or Node error code) of a pg/driver error, if any. */
export const pgErrorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** True when the error means "the database is unreachable", not "the query is wrong". */
export const isConnectionError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = pgErrorCode(error);
  if (code !== undefined && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message));
};

/**
 * Maps any pg error to the PayGate taxonomy so no raw driver error (which can carry SQL and
 * parameter values) reaches a caller. `what` names the operation for the message.
 */
export const pgToPayGateError = (error: unknown, what: string): PayGateError => {
  if (error instanceof PayGateError) return error;
  if (isConnectionError(error)) return new PayGateError('unavailable', `PostgreSQL is unavailable (${what})`, {}, { cause: error });
  const code = pgErrorCode(error);
  return new PayGateError('internal', `PostgreSQL error during ${what}`, code === undefined ? {} : { sqlState: code }, { cause: error });
};
