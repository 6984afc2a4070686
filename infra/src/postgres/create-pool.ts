import pg from 'pg';
import { PayGateError } from '@paygate/domain';

export type PoolOptions = {
  /** Most connections this process opens; 16 concurrent writers plus readers fit the default. */
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell PayGate's connections apart. */
  applicationName?: string;
  connectionTimeoutMillis?: number;
  idleTimeoutMillis?: number;
  /** Server-side cap on one statement, so a runaway query cannot hold a connection forever. */
  statementTimeoutMillis?: number;
  /**
   * search_path of every connection (startup option, so LISTEN and lock connections made from
   * `pool.options` get it too). Plain lower-case identifiers only.
   */
  searchPath?: readonly string[];
};

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

const searchPathOption = (schemas: readonly string[]): string => {
  const bad = schemas.find((schema) => !PLAIN_IDENTIFIER.test(schema));
  if (schemas.length === 0 || bad !== undefined) throw new PayGateError('validation', 'searchPath needs plain lower-case schema names', { schema: bad });
  return `-c search_path=${schemas.join(',')}`;
};

/**
 * A pg.Pool with PayGate's defaults.
 *
 * BIGINT (int8), numeric and xid8 columns stay strings, as pg returns them: we never install a
 * global type parser that would turn them into lossy JS numbers. Callers convert explicitly with
 * `BigInt(row.x)`, which keeps money and positions exact.
 */
export const createPool = (connectionString: string, options: PoolOptions = {}): pg.Pool => {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 20,
    application_name: options.applicationName ?? 'paygate',
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    ...(options.statementTimeoutMillis === undefined ? {} : { statement_timeout: options.statementTimeoutMillis }),
    ...(options.searchPath === undefined ? {} : { options: searchPathOption(options.searchPath) }),
    keepAlive: true,
  });
  // An idle client whose server connection dies emits 'error' on the pool; unhandled, that event
  // would crash the process. The next query simply gets a fresh connection.
  pool.on('error', () => {});
  return pool;
};
