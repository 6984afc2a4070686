import type pg from 'pg';

/**
 * Transactions committed and rolled back in the benchmark's database so far, every client's
 * (pg_stat_database). Backends report them when they go idle, at most once a second, and one that
 * reported less than a second ago waits up to 10 s (PostgreSQL 15's idle stats interval): read this
 * only after the database has been quiet for that long, or over windows that long.
 */
export const transactionsSoFar = async (pool: pg.Pool): Promise<number> => {
  const { rows } = await pool.query<{ n: string }>(
    'SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(rows[0]!.n);
};

/** How long stats may lag behind a backend's last transaction (see above), with a margin. */
export const STATS_SETTLE_MS = 11_000;
