import type pg from 'pg';
import { pgToPayGateError } from './pg-errors.ts';

/**
 * Runs `work` inside BEGIN/COMMIT on one pooled client; rolls back on any error. A client whose
 * connection broke is destroyed rather than returned to the pool.
 */
export const inTransaction = async <T>(pool: pg.Pool, what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw pgToPayGateError(error, what);
  }
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
    });
    throw pgToPayGateError(error, what);
  } finally {
    client.release(broken);
  }
};
