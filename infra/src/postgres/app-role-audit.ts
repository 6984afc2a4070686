import type pg from 'pg';
import { PayGateError } from '@paygate/domain';
import { pgToPayGateError } from './pg-errors.ts';

/** The append-only tables, and the log head that hands out `$all` positions, an app role must not rewrite. */
const GUARDED_TABLES = ['paygate_events', 'paygate_streams', 'paygate_log_head'] as const;

type RoleRow = { role: string; superuser: boolean; create_in_public: boolean };
type TableRow = { owner: boolean; update: boolean; delete: boolean; truncate: boolean } | undefined;

// Owning a table, or being able to SET ROLE to its owner, is what ALTER TABLE … DISABLE TRIGGER needs.
const TABLE_SQL = `SELECT pg_has_role($2::name, c.relowner, 'MEMBER') AS owner,
    has_any_column_privilege($2::name, c.oid, 'UPDATE') AS update, has_table_privilege($2::name, c.oid, 'DELETE') AS delete,
    has_table_privilege($2::name, c.oid, 'TRUNCATE') AS truncate
  FROM pg_class c WHERE c.oid = to_regclass($1)`;

const ROLE_SQL = `SELECT r.rolname AS role, r.rolsuper AS superuser,
    coalesce(has_schema_privilege(r.rolname, (SELECT oid FROM pg_namespace WHERE nspname = 'public'), 'CREATE'), false) AS create_in_public
  FROM pg_roles r WHERE r.rolname = coalesce($1::name, current_user)`;

/**
 * What `role` (default: the connected one) can do beyond what PayGate's app role needs, one
 * sentence each; empty for a least-privilege app role. Tables are resolved through the
 * connection's search_path, as PayGate's own queries resolve them.
 */
export const appRoleProblems = async (pool: pg.Pool, role?: string): Promise<string[]> => {
  try {
    const found = (await pool.query<RoleRow>(ROLE_SQL, [role ?? null])).rows[0];
    if (found === undefined) return [`role "${role}" does not exist`];
    const name = found.role;
    if (found.superuser) return [`role "${name}" is a superuser`];
    const problems: string[] = [];
    for (const table of GUARDED_TABLES) {
      const privileges: TableRow = (await pool.query(TABLE_SQL, [table, name])).rows[0];
      if (privileges === undefined) continue; // KurrentDB holds the events
      if (privileges.owner) problems.push(`role "${name}" owns ${table} (or may act as its owner), so it could disable the append-only trigger`);
      const held = (['update', 'delete', 'truncate'] as const).filter((privilege) => privileges[privilege]).map((privilege) => privilege.toUpperCase());
      if (held.length > 0) problems.push(`role "${name}" holds ${held.join(', ')} on ${table}`);
    }
    if (found.create_in_public) problems.push(`role "${name}" may create objects in schema public, where the owner's tables and functions live`);
    return problems;
  } catch (error) {
    throw pgToPayGateError(error, 'checking the app role');
  }
};

export type AppRoleCheck = { mode: 'sandbox' | 'live'; warn(problems: readonly string[], message: string): void };

/**
 * Live mode refuses an app connection that could rewrite the log (superuser, owner of the event
 * tables, UPDATE/DELETE/TRUNCATE on them); sandbox mode only warns, so a quick try-out on a
 * superuser URL still runs.
 */
export const checkAppRole = async (pool: pg.Pool, { mode, warn }: AppRoleCheck): Promise<void> => {
  const problems = await appRoleProblems(pool);
  if (problems.length === 0) return;
  const advice = 'connect DATABASE_URL as an app role and migrate through DATABASE_OWNER_URL (see docs/operations.md, "Database roles")';
  if (mode === 'live')
    throw new PayGateError('validation', `live mode refuses DATABASE_URL's PostgreSQL role: ${problems.join('; ')}. ${advice}`, { problems });
  warn(problems, `DATABASE_URL's PostgreSQL role has more privileges than PayGate needs; live mode would refuse to start. ${advice}`);
};
