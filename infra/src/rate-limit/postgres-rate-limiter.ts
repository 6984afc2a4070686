import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiter } from '@paygate/http';
import { RATE_LIMIT_TABLE } from './rate-limit-table.ts';

/** `points` per fixed window of `durationSeconds`. */
export type Budget = { points: number; durationSeconds: number };

export type PostgresBudgetOptions = Budget & {
  pool: pg.Pool;
  /** Names the budget; keys of two budgets never meet. */
  name: string;
};

/**
 * rate-limiter-flexible's PostgreSQL store over the shared table: every process and every
 * restart sees the same counts.
 */
export const createBudgetStore = ({ pool, name, points, durationSeconds }: PostgresBudgetOptions): RateLimiterPostgres => {
  if (!Number.isInteger(points) || points < 1 || !Number.isInteger(durationSeconds) || durationSeconds < 1) {
    throw new RangeError(`rate limit "${name}" needs whole points >= 1 and durationSeconds >= 1`);
  }
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    // rate-limit-table.ts creates it (as a migration, so the app role needs no CREATE).
    tableCreated: true,
    keyPrefix: name,
    points,
    duration: durationSeconds,
    // Once refused, a key is refused from memory until its window ends: a flood costs no queries.
    inMemoryBlockOnConsumed: points + 1,
    // PostgreSQL unreachable: each process goes on limiting on its own (readiness reports the outage).
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds }),
  });
};

/** A budget per key, shared through PostgreSQL. `ready` resolves once the table exists. */
export const createPostgresRateLimiter = (options: PostgresBudgetOptions & { ready: () => Promise<void> }): RateLimiter => {
  const store = createBudgetStore(options);
  return {
    async take(key) {
      await options.ready();
      try {
        await store.consume(key);
        return { allowed: true };
      } catch (error) {
        if (error instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(error.msBeforeNext, 1) };
        throw error;
      }
    },
  };
};
