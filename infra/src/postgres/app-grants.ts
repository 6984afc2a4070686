import type pg from 'pg';
import { PayGateError } from '@paygate/domain';
import { quoteIdent } from './quote-ident.ts';
import { inTransaction } from './transaction.ts';

const TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

/**
 * What the app role may do with one object the owner migrated. Everything else on it is revoked
 * first, so a privilege granted by hand (say UPDATE on the events) is taken back on every run.
 * TRUNCATE, REFERENCES and TRIGGER are never granted. An object that does not exist (KurrentDB
 * holds the events, or the table is not migrated yet) is skipped.
 */
export type AppGrant =
  | { kind: 'table'; name: string; privileges: readonly (typeof TABLE_PRIVILEGES)[number][] }
  | { kind: 'sequence'; name: string; privileges: readonly ('USAGE' | 'SELECT')[] }
  /** `name(argument types)`, as `to_regprocedure` reads it. */
  | { kind: 'function'; name: string; privileges: readonly 'EXECUTE'[] };

export type AppRoleAccess = {
  /** Database-level privileges, added when missing (never revoked: CONNECT/TEMP may come from PUBLIC). */
  database: readonly ('CONNECT' | 'CREATE' | 'TEMPORARY')[];
  /** Schemas the app reads the owner's objects through (USAGE only, added when missing). */
  schemas: readonly string[];
  /** Schemas the app must not create objects in, where the owner's objects and functions live. */
  noCreateIn: readonly string[];
  objects: readonly AppGrant[];
};

const existsSql = (grant: AppGrant): string => (grant.kind === 'function' ? 'SELECT to_regprocedure($1) IS NOT NULL AS ok' : 'SELECT to_regclass($1) IS NOT NULL AS ok');

const keyword = { table: 'TABLE', sequence: 'SEQUENCE', function: 'FUNCTION' } as const;

// Names are code constants, but they are spliced into DDL: accept only `name` or `name(types)`.
const OBJECT_NAME = /^[a-z_][a-z0-9_.]*(\([a-z0-9_, [\]]*\))?$/;

const checkGrant = (grant: AppGrant): void => {
  if (!OBJECT_NAME.test(grant.name)) throw new PayGateError('validation', 'bad object name in app grants', { name: grant.name });
  const allowed: readonly string[] = grant.kind === 'table' ? TABLE_PRIVILEGES : grant.kind === 'sequence' ? ['USAGE', 'SELECT'] : ['EXECUTE'];
  const bad = grant.privileges.find((privilege) => !allowed.includes(privilege));
  if (bad !== undefined) throw new PayGateError('validation', 'privilege not allowed in app grants', { name: grant.name, privilege: bad });
};

/** Serialises the owner's grant and ownership changes across processes migrating at once. */
export const APP_GRANTS_LOCK = "SELECT pg_advisory_xact_lock(hashtext('paygate_schema_migrations'), hashtext('app grants'))";

/**
 * Gives `appRole` exactly `access`, run as the owner of the objects after migrating. Idempotent.
 * Serialised by an advisory lock: concurrent GRANTs on one object fail with "tuple concurrently
 * updated" otherwise.
 */
export const grantAppRole = async (pool: pg.Pool, appRole: string, access: AppRoleAccess): Promise<void> => {
  for (const grant of access.objects) checkGrant(grant);
  const role = quoteIdent(appRole);
  await inTransaction(pool, 'granting the app role its privileges', async (client) => {
    await client.query(APP_GRANTS_LOCK);
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
    if (found.rowCount === 0)
      throw new PayGateError('validation', `the app role "${appRole}" (the user in DATABASE_URL) does not exist: create it first, see docs/operations.md`);

    const missing: string[] = [];
    for (const privilege of access.database) {
      const { rows } = await client.query<{ ok: boolean }>('SELECT has_database_privilege($1, current_database(), $2) AS ok', [appRole, privilege]);
      if (!rows[0]?.ok) missing.push(privilege);
    }
    if (missing.length > 0) {
      const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
      await client.query(`GRANT ${missing.join(', ')} ON DATABASE ${quoteIdent(rows[0]!.name)} TO ${role}`).catch((error: unknown) => {
        throw new PayGateError(
          'validation',
          `the owner role may not grant ${missing.join(', ')} on this database to the app role "${appRole}": make the owner role own the database (ALTER DATABASE … OWNER TO …), see docs/operations.md`,
          {},
          { cause: error },
        );
      });
    }
    for (const schema of access.schemas) {
      const { rows } = await client.query<{ ok: boolean }>('SELECT has_schema_privilege($1, $2, $3) AS ok', [appRole, schema, 'USAGE']);
      if (!rows[0]?.ok) await client.query(`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${role}`);
    }
    for (const schema of access.noCreateIn) {
      await client.query(`REVOKE CREATE ON SCHEMA ${quoteIdent(schema)} FROM ${role}`);
      const { rows } = await client.query<{ ok: boolean }>('SELECT has_schema_privilege($1, $2, $3) AS ok', [appRole, schema, 'CREATE']);
      if (rows[0]?.ok)
        throw new PayGateError(
          'validation',
          `the app role "${appRole}" may still create objects in schema ${schema} (through PUBLIC or another role), where PayGate's owner objects live; as a superuser run REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC (see docs/operations.md)`,
        );
    }
    for (const grant of access.objects) {
      const { rows } = await client.query<{ ok: boolean }>(existsSql(grant), [grant.name]);
      if (!rows[0]?.ok) continue;
      const target = `${keyword[grant.kind]} ${grant.name}`;
      await client.query(`REVOKE ALL ON ${target} FROM ${role}`);
      if (grant.privileges.length > 0) await client.query(`GRANT ${grant.privileges.join(', ')} ON ${target} TO ${role}`);
    }
  });
};
