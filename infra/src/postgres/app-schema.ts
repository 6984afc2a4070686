import pg from 'pg';
import { PayGateError } from '@paygate/domain';
import { pgErrorCode, pgToPayGateError } from './pg-errors.ts';
import { quoteIdent } from './quote-ident.ts';

export type AppSchemaOptions = {
  /** The app role's own schema (the read models'); first on its search_path when it has one. */
  schema: string;
  /** Tables the app used to create in public (single-role setups); copied once into `schema`. */
  carryOver: readonly string[];
};

const PROBE = `SELECT current_user AS role,
    coalesce(has_schema_privilege((SELECT oid FROM pg_namespace WHERE nspname = 'public'), 'CREATE'), false) AS create_in_public,
    (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1) AS schema_owner,
    coalesce(has_schema_privilege((SELECT oid FROM pg_namespace WHERE nspname = $1), 'CREATE'), false) AS create_in_schema`;

type Probe = { role: string; create_in_public: boolean; schema_owner: string | null; create_in_schema: boolean };

const carryOver = async (client: pg.Client, schema: string, table: string): Promise<void> => {
  const target = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const source = `public.${quoteIdent(table)}`;
  const { rows } = await client.query<{ missing: boolean; readable: boolean }>(
    `SELECT to_regclass($1) IS NULL AS missing,
       coalesce(has_table_privilege(to_regclass($2), 'SELECT'), false) AS readable`,
    [target, source],
  );
  if (!rows[0]?.missing || !rows[0].readable) return;
  await client.query(`CREATE TABLE ${target} (LIKE ${source} INCLUDING ALL)`);
  await client.query(`INSERT INTO ${target} SELECT * FROM ${source}`);
};

/**
 * Prepares the app role's runtime DDL (projection tables and checkpoints, the relay's
 * checkpoint) and returns the search_path its pool needs. A role that may create in public (one
 * role for everything, as before) keeps the default path and gets `undefined`. A least-privilege
 * app role may not, so its own schema goes first: it is created when missing, and tables the
 * single-role setup kept in public are copied into it once, so the relay resumes where it was.
 */
export const prepareAppSchema = async (connectionString: string, options: AppSchemaOptions): Promise<readonly string[] | undefined> => {
  const { schema } = options;
  const client = new pg.Client({ connectionString, application_name: 'paygate_setup' });
  try {
    await client.connect();
    const probe = (await client.query<Probe>(PROBE, [schema])).rows[0]!;
    if (probe.create_in_public) return undefined;
    if (probe.schema_owner !== null && !probe.create_in_schema)
      throw new PayGateError(
        'validation',
        `the app role "${probe.role}" may not create tables in schema ${schema} (owned by "${probe.schema_owner}"): run \`paygate migrate\` with DATABASE_OWNER_URL to hand it over, see docs/operations.md`,
      );
    await client.query('BEGIN');
    // Several processes may start at once; the first creates, the others see it.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('paygate_schema_migrations'), hashtext('app schema'))");
    if (probe.schema_owner === null) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    for (const table of options.carryOver) await carryOver(client, schema, table);
    await client.query('COMMIT');
    return [schema, 'public'];
  } catch (error) {
    if (pgErrorCode(error) === '42501')
      throw new PayGateError(
        'validation',
        `the app role may not create its schema ${schema}: grant it CREATE on the database by running \`paygate migrate\` with DATABASE_OWNER_URL, see docs/operations.md`,
        {},
        { cause: error },
      );
    throw pgToPayGateError(error, 'preparing the app schema');
  } finally {
    await client.end().catch(() => undefined);
  }
};
