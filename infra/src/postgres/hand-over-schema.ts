import type pg from 'pg';
import { PayGateError } from '@paygate/domain';
import { APP_GRANTS_LOCK } from './app-grants.ts';
import { pgErrorCode } from './pg-errors.ts';
import { quoteIdent } from './quote-ident.ts';
import { inTransaction } from './transaction.ts';

// Tables, views and sequences not tied to a table column (those follow their table).
const FOREIGN_OWNED = `SELECT c.relname, c.relkind FROM pg_class c
  WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
    AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)
    AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))`;

const alterKeyword = (relkind: string): string => ({ v: 'VIEW', m: 'MATERIALIZED VIEW', f: 'FOREIGN TABLE', S: 'SEQUENCE' })[relkind] ?? 'TABLE';

/**
 * Run as the owner: gives the app role a schema (and everything in it) that an earlier
 * single-role setup created under another role, such as the read models the embedded superuser
 * projected before PayGate had an app role. Needs the owner to be a superuser or a member of the
 * app role; otherwise it says what to do. A schema that is missing or already the app's is left alone.
 */
export const handOverSchema = async (pool: pg.Pool, schema: string, appRole: string): Promise<boolean> =>
  inTransaction(pool, `handing schema ${schema} to the app role`, async (client) => {
    await client.query(APP_GRANTS_LOCK);
    const { rows } = await client.query<{ owner: string }>('SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1', [schema]);
    const owner = rows[0]?.owner;
    if (owner === undefined) return false;
    const role = quoteIdent(appRole);
    try {
      if (owner !== appRole) await client.query(`ALTER SCHEMA ${quoteIdent(schema)} OWNER TO ${role}`);
      const objects = await client.query<{ relname: string; relkind: string }>(FOREIGN_OWNED, [schema, appRole]);
      for (const object of objects.rows) {
        await client.query(`ALTER ${alterKeyword(object.relkind)} ${quoteIdent(schema)}.${quoteIdent(object.relname)} OWNER TO ${role}`);
      }
      return owner !== appRole || objects.rows.length > 0;
    } catch (error) {
      if (pgErrorCode(error) !== '42501') throw error;
      throw new PayGateError(
        'validation',
        `schema ${schema} belongs to "${owner}", not to the app role "${appRole}", and the owner role may not hand it over: either GRANT "${appRole}" TO the owner role once, or DROP SCHEMA ${schema} CASCADE (read models are rebuilt from the log); see docs/operations.md`,
        {},
        { cause: error },
      );
    }
  });
