import type pg from 'pg';

export type LeaderLock = {
  /** Resolves once this process holds the lock; retries every `retryMs` until `signal` aborts. */
  acquire(signal: AbortSignal): Promise<boolean>;
  /** Aborted when the lock's connection is lost, i.e. leadership may have passed to another process. */
  lost: AbortSignal;
  release(): Promise<void>;
};

/**
 * A session-level advisory lock on a dedicated connection. If this process dies or its
 * connection drops, PostgreSQL releases the lock and a standby takes over: exactly one holder.
 */
export const createLeaderLock = (pool: pg.Pool, key: bigint, retryMs = 1_000): LeaderLock => {
  const lostController = new AbortController();
  let client: pg.PoolClient | undefined;
  return {
    lost: lostController.signal,
    acquire: async (signal) => {
      while (!signal.aborted) {
        try {
          if (!client) {
            client = await pool.connect();
            client.on('error', () => lostController.abort());
          }
          const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key.toString()]);
          if (rows[0]?.ok) return true;
        } catch {
          client?.release(true);
          client = undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
      // A standby told to stop closes its connection (it holds no lock), or the pool's end() would wait for it forever.
      client?.release(true);
      client = undefined;
      return false;
    },
    release: async () => {
      if (!client) return;
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [key.toString()]);
        client.release();
      } catch {
        client.release(true);
      }
      client = undefined;
    },
  };
};

/** A 64-bit advisory lock key from a name (FNV-1a), stable across processes and machines. */
export const leaderLockKey = (name: string): bigint => {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(name)) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0x7fffffffffffffffn;
  }
  return hash;
};
