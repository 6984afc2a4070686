import type pg from 'pg';
import { migrate, type Migration } from '../postgres/index.ts';

/** Every budget's counters, one row per budget and key (`<budget>:<key>`). */
export const RATE_LIMIT_TABLE = 'paygate_rate_limits';

/**
 * The table rate-limiter-flexible's PostgreSQL store uses (it inserts positionally: key, points,
 * expire in ms since the epoch). UNLOGGED: counters change on every request and need no WAL; a
 * PostgreSQL crash empties the table, which only resets the limits (a clean restart keeps it).
 */
export const RATE_LIMIT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'rate limit counters',
    sql: `
      CREATE UNLOGGED TABLE ${RATE_LIMIT_TABLE} (
        key    text    PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
      CREATE INDEX ${RATE_LIMIT_TABLE}_expire_idx ON ${RATE_LIMIT_TABLE} (expire);`,
  },
];

export const migrateRateLimitTable = (pool: pg.Pool) => migrate(pool, 'rate-limit', RATE_LIMIT_MIGRATIONS);

/**
 * Resolves once the table exists: migrated on first use (idempotent across processes), again on
 * the next call if that failed. Never rejects: until the table is there, limits fall back to
 * each process's memory (see postgres-rate-limiter.ts), and the failure is logged.
 */
export const rateLimitTableReady = (pool: pg.Pool, onError: (error: unknown) => void): (() => Promise<void>) => {
  let migrating: Promise<void> | undefined;
  return () =>
    (migrating ??= migrateRateLimitTable(pool).then(
      () => undefined,
      (error: unknown) => {
        migrating = undefined;
        onError(error);
      },
    ));
};
