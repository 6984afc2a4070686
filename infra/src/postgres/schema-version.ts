import type pg from 'pg';
import { PayGateError } from '@paygate/domain';
import type { Migration } from './migrate.ts';
import { isConnectionError, pgToPayGateError } from './pg-errors.ts';

/** The migrations of one scope, as this binary knows them. */
export type MigrationSet = { scope: string; migrations: readonly Migration[] };

/** What `paygate_schema_migrations` holds: scope → version → name. */
export type MigrationHistory = ReadonlyMap<string, ReadonlyMap<number, string>>;

export type PendingMigration = { scope: string; version: number; name: string };

const TABLE = 'paygate_schema_migrations';

/**
 * The database was migrated by a newer PayGate. Migrations are forward-only, so an older binary
 * would run on tables it does not understand: it refuses to start instead.
 */
export class SchemaTooNewError extends PayGateError {
  constructor(message: string, details: Record<string, unknown>) {
    super('conflict', message, details);
    this.name = 'SchemaTooNewError';
  }
}

export const isSchemaTooNewError = (error: unknown): error is SchemaTooNewError => error instanceof SchemaTooNewError;

const highest = (versions: Iterable<number>): number => Math.max(0, ...versions);

/** The refusal for one scope, or undefined when the database holds no version this code lacks. */
export const schemaTooNew = (scope: string, known: readonly Migration[] | undefined, recorded: ReadonlyMap<number, string>): SchemaTooNewError | undefined => {
  const codeVersions = new Set((known ?? []).map((migration) => migration.version));
  const unknown = [...recorded.keys()].filter((version) => !codeVersions.has(version)).sort((a, b) => a - b);
  if (unknown.length === 0) return undefined;
  const atVersion = highest(recorded.keys());
  const message =
    known === undefined
      ? `database schema has ${scope} v${atVersion}, which this PayGate does not know: upgrade PayGate (migrations are forward-only; see docs/operations.md, "Upgrades")`
      : `database schema is at ${scope} v${atVersion}, this PayGate knows up to v${highest(codeVersions)}: upgrade PayGate (migrations are forward-only; see docs/operations.md, "Upgrades")`;
  return new SchemaTooNewError(message, { scope, databaseVersion: atVersion, knownVersion: highest(codeVersions), unknownVersions: unknown });
};

/**
 * Throws SchemaTooNewError when the history holds a scope or a version (in any scope) the code
 * does not know. Pure: the caller reads the history.
 */
export const assertSchemaKnown = (history: MigrationHistory, sets: readonly MigrationSet[]): void => {
  const byScope = new Map(sets.map((set) => [set.scope, set.migrations]));
  for (const [scope, recorded] of [...history].sort(([a], [b]) => a.localeCompare(b))) {
    const refusal = schemaTooNew(scope, byScope.get(scope), recorded);
    if (refusal) throw refusal;
  }
};

/** The migrations of `sets` the history does not hold yet, in scope order, then version order. */
export const pendingMigrations = (history: MigrationHistory, sets: readonly MigrationSet[]): PendingMigration[] =>
  sets.flatMap(({ scope, migrations }) =>
    [...migrations]
      .sort((a, b) => a.version - b.version)
      .filter((migration) => !history.get(scope)?.has(migration.version))
      .map(({ version, name }) => ({ scope, version, name })),
  );

/**
 * Reads the whole migration history without DDL or locks (SELECT only, which the app role has).
 * No table yet: an empty history. Any other error but a lost connection also reads as empty,
 * like `migrate`'s own fast path: the owner then creates the table.
 */
export const readMigrationHistory = async (db: pg.Pool | pg.PoolClient): Promise<MigrationHistory> => {
  try {
    const { rows: found } = await db.query<{ found: boolean }>(`SELECT to_regclass('${TABLE}') IS NOT NULL AS found`);
    if (!found[0]?.found) return new Map();
    const { rows } = await db.query<{ scope: string; version: number; name: string }>(`SELECT scope, version, name FROM ${TABLE}`);
    const history = new Map<string, Map<number, string>>();
    for (const row of rows) {
      const scope = history.get(row.scope) ?? new Map<number, string>();
      scope.set(row.version, row.name);
      history.set(row.scope, scope);
    }
    return history;
  } catch (error) {
    if (isConnectionError(error)) throw pgToPayGateError(error, 'reading migration history');
    return new Map();
  }
};
