export { createPool, type PoolOptions } from './create-pool.ts';
export { migrate, type Migration, type MigrationResult } from './migrate.ts';
export { inTransaction } from './transaction.ts';
export { isConnectionError, pgErrorCode, pgToPayGateError } from './pg-errors.ts';
