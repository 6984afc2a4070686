import { PayGateError } from '@paygate/domain';
import { errors } from 'jose';

/** A 401 that names why, never the token: messages and details may reach logs and callers. */
export const tokenRejected = (reason: string): PayGateError =>
  new PayGateError('unauthorized', `access token rejected: ${reason}`, { reason });

/**
 * jose's error as a reason of our own words. jose's own error (its message, or the claims some
 * carry) is not kept as the cause, so nothing of the token travels on.
 */
export const rejectionOf = (error: unknown): PayGateError => {
  if (error instanceof PayGateError) return error;
  if (error instanceof errors.JWTExpired) return tokenRejected('expired');
  if (error instanceof errors.JWTClaimValidationFailed) return tokenRejected(`claim ${error.claim} ${error.reason}`);
  if (error instanceof errors.JOSEAlgNotAllowed) return tokenRejected('algorithm not allowed');
  if (error instanceof errors.JWSSignatureVerificationFailed) return tokenRejected('bad signature');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return tokenRejected('malformed');
  return tokenRejected('unverifiable');
};
