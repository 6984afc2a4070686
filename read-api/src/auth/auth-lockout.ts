/**
 * Locks a caller out after repeated wrong credentials, for a while, even if it then presents the
 * right one: guessing the operator key gets a handful of tries per window. Shared by every process
 * (infra keeps the counts in PostgreSQL), keyed by the caller's address.
 */
export type AuthLockout = {
  /** Milliseconds `key` is still locked out for; 0 when it may try. */
  lockedFor(key: string): Promise<number>;
  /** Counts one failure; the milliseconds of the lockout it started, or 0 while under the limit. */
  recordFailure(key: string): Promise<number>;
};
