import type pg from 'pg';
import { createLeaderLock, leaderLockKey } from '../relay/index.ts';

export type LeaderTask = { stop(): Promise<void> | void };

/**
 * Runs `start` in at most one process at a time (a PostgreSQL advisory lock named `name`);
 * other processes wait as standbys. If the lock's connection is lost the task stops and this
 * process queues for the lock again.
 */
export const runWhileLeader = (pool: pg.Pool, name: string, start: () => LeaderTask, retryMs = 1_000) => {
  const stopping = new AbortController();
  let task: LeaderTask | undefined;
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const lock = createLeaderLock(pool, leaderLockKey(name), retryMs);
      if (!(await lock.acquire(stopping.signal))) return;
      task = start();
      await new Promise<void>((resolve) => {
        if (stopping.signal.aborted || lock.lost.aborted) return resolve();
        stopping.signal.addEventListener('abort', () => resolve(), { once: true });
        lock.lost.addEventListener('abort', () => resolve(), { once: true });
      });
      await task.stop();
      task = undefined;
      await lock.release();
    }
  })();
  return {
    stop: async () => {
      stopping.abort();
      await loop;
    },
  };
};
