import type pg from 'pg';
import type { AuthLockout } from '@paygate/read-api';
import { createBudgetStore } from './postgres-rate-limiter.ts';

export type LockoutPolicy = {
  /** Failures within `windowSeconds` that start a lockout. */
  maxFailures: number;
  windowSeconds: number;
  /** How long a lockout lasts, counted from the failure that started it. */
  lockSeconds: number;
};

/** Failures per key in PostgreSQL (shared, survives restarts); the lockout is a block on the same row. */
export const createPostgresAuthLockout = ({
  pool,
  name,
  ready,
  maxFailures,
  windowSeconds,
  lockSeconds,
}: LockoutPolicy & { pool: pg.Pool; name: string; ready: () => Promise<void> }): AuthLockout => {
  const store = createBudgetStore({ pool, name, points: maxFailures, durationSeconds: windowSeconds });
  return {
    async lockedFor(key) {
      await ready();
      const failures = await store.get(key);
      return failures !== null && failures.consumedPoints >= maxFailures ? Math.max(failures.msBeforeNext, 1) : 0;
    },
    async recordFailure(key) {
      await ready();
      const failures = await store.penalty(key, 1);
      if (failures.consumedPoints < maxFailures) return 0;
      await store.block(key, lockSeconds);
      return lockSeconds * 1000;
    },
  };
};
