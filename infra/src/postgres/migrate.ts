import type pg from 'pg';
import { PayGateError, validationError } from '@paygate/domain';
import type { AppGrant } from './app-grants.ts';
import { isConnectionError, pgToPayGateError } from './pg-errors.ts';
import { schemaTooNew } from './schema-version.ts';
import { inTransaction } from './transaction.ts';

/** One schema step. `sql` may hold several statements; it runs inside a transaction. */
export type Migration = { version: number; name: string; sql: string };

export type MigrationResult = { scope: string; applied: number[] };

const TABLE = 'paygate_schema_migrations';

/** The app role reads the history, so its own `migrate` calls see "nothing to do" without DDL. */
export const migrationHistoryAppGrant: AppGrant = { kind: 'table', name: TABLE, privileges: ['SELECT'] };

// Advisory lock keys: (class, object). The class is fixed for PayGate migrations; the object is
// the scope, so the event store and each read model migrate independently but never twice at once.
const LOCK_CLASS_SQL = `hashtext('${TABLE}')`;

const CREATE_TABLE = `
  CREATE TABLE IF NOT EXISTS ${TABLE} (
    scope      text        NOT NULL,
    version    integer     NOT NULL,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, version)
  )`;

const checkMigrations = (scope: string, migrations: readonly Migration[]): Migration[] => {
  if (scope.trim() === '') throw validationError('migration scope must not be empty');
  const seen = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isSafeInteger(migration.version) || migration.version < 1)
      throw validationError('migration version must be a positive integer', { scope, version: migration.version });
    if (seen.has(migration.version)) throw validationError('duplicate migration version', { scope, version: migration.version });
    if (migration.name.trim() === '') throw validationError('migration name must not be empty', { scope, version: migration.version });
    seen.add(migration.version);
  }
  return [...migrations].sort((a, b) => a.version - b.version);
};

const appliedNames = async (db: pg.Pool | pg.PoolClient, scope: string): Promise<Map<number, string>> => {
  const { rows } = await db.query<{ version: number; name: string }>(`SELECT version, name FROM ${TABLE} WHERE scope = $1`, [scope]);
  return new Map(rows.map((row) => [row.version, row.name]));
};

const assertSameName = (scope: string, migration: Migration, recorded: string | undefined): void => {
  if (recorded !== undefined && recorded !== migration.name)
    throw new PayGateError('conflict', 'migration history differs from the code: same version, different name', {
      scope,
      version: migration.version,
      recordedName: recorded,
      codeName: migration.name,
    });
};

/** A version this code does not know means a newer PayGate migrated: never run on it. */
const refuseNewer = (scope: string, ordered: readonly Migration[], known: ReadonlyMap<number, string>): void => {
  const refusal = schemaTooNew(scope, ordered, known);
  if (refusal) throw refusal;
};

/**
 * True when the history already holds every migration, read without DDL or locks: so a role
 * with only SELECT on the history (the app role) can call `migrate` once the owner has migrated.
 * Any error (no history table yet, no privilege) just means "take the normal path".
 */
const upToDate = async (pool: pg.Pool, scope: string, ordered: readonly Migration[]): Promise<boolean> => {
  let known: Map<number, string>;
  try {
    known = await appliedNames(pool, scope);
  } catch (error) {
    if (isConnectionError(error)) throw pgToPayGateError(error, 'reading migration history');
    return false;
  }
  refuseNewer(scope, ordered, known);
  for (const migration of ordered) assertSameName(scope, migration, known.get(migration.version));
  return ordered.every((migration) => known.has(migration.version));
};

/**
 * Applies, in version order, every migration of `scope` not yet recorded in
 * `paygate_schema_migrations`. Each migration runs in its own transaction together with its
 * history row, under `pg_advisory_xact_lock`, so two processes starting at once apply each step
 * exactly once. Idempotent: a second call applies nothing. Returns the versions applied now.
 *
 * Migrations must be transactional (no CREATE INDEX CONCURRENTLY).
 */
export const migrate = async (pool: pg.Pool, scope: string, migrations: readonly Migration[]): Promise<MigrationResult> => {
  const ordered = checkMigrations(scope, migrations);
  if (await upToDate(pool, scope, ordered)) return { scope, applied: [] };
  await inTransaction(pool, 'migration table setup', async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS_SQL}, 0)`);
    // Only when none is visible: CREATE TABLE IF NOT EXISTS would make a second, shadowing history
    // in the first schema of a search_path that has another one ahead of public (the app role's).
    const { rows } = await client.query<{ found: boolean }>(`SELECT to_regclass('${TABLE}') IS NOT NULL AS found`);
    if (!rows[0]?.found) await client.query(CREATE_TABLE);
  });

  let known: Map<number, string>;
  try {
    known = await appliedNames(pool, scope);
  } catch (error) {
    throw pgToPayGateError(error, 'reading migration history');
  }
  refuseNewer(scope, ordered, known);

  const applied: number[] = [];
  for (const migration of ordered) {
    assertSameName(scope, migration, known.get(migration.version));
    if (known.has(migration.version)) continue;
    const ran = await inTransaction(pool, `migration ${scope} v${migration.version}`, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS_SQL}, hashtext($1))`, [scope]);
      // Re-check under the lock: another process may have applied it while we waited.
      const recorded = (await appliedNames(client, scope)).get(migration.version);
      assertSameName(scope, migration, recorded);
      if (recorded !== undefined) return false;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${TABLE} (scope, version, name) VALUES ($1, $2, $3)`, [scope, migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return { scope, applied };
};
