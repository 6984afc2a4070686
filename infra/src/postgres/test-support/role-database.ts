// Test helper (not product code): a fresh database with an owner role and an app role.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@paygate/testkit';

export type RoleDatabase = {
  db: TestDatabase;
  /** The superuser's URL of the database. */
  superUrl: string;
  ownerRole: string;
  appRole: string;
  ownerUrl: string;
  appUrl: string;
  /** Runs SQL as the superuser. */
  asSuperuser<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
};

const urlFor = (base: string, role: string, password: string): string => {
  const url = new URL(base);
  url.username = role;
  url.password = password;
  return url.toString();
};

/**
 * Creates roles `<prefix>_owner_<random>` (owning the database, as docs/operations.md has it)
 * and `<prefix>_app_<random>`, both plain logins. Roles are cluster-wide: drop() removes them.
 */
export const createRoleDatabase = async (prefix: string): Promise<RoleDatabase> => {
  const db = await createTestDatabase(prefix);
  const suffix = randomBytes(4).toString('hex');
  const ownerRole = `${prefix}_owner_${suffix}`;
  const appRole = `${prefix}_app_${suffix}`;
  const [ownerPassword, appPassword] = [randomBytes(12).toString('hex'), randomBytes(12).toString('hex')];
  const asSuperuserOf = async <T extends pg.QueryResultRow>(url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query<T>(sql);
    } finally {
      await client.end();
    }
  };
  await asSuperuserOf(testServerUrl(), `CREATE ROLE "${ownerRole}" LOGIN PASSWORD '${ownerPassword}'; CREATE ROLE "${appRole}" LOGIN PASSWORD '${appPassword}'`);
  await asSuperuserOf(testServerUrl(), `ALTER DATABASE "${db.name}" OWNER TO "${ownerRole}"`);
  return {
    db,
    superUrl: db.url,
    ownerRole,
    appRole,
    ownerUrl: urlFor(db.url, ownerRole, ownerPassword),
    appUrl: urlFor(db.url, appRole, appPassword),
    asSuperuser: (sql) => asSuperuserOf(db.url, sql),
    drop: async () => {
      await db.drop();
      await asSuperuserOf(testServerUrl(), `DROP ROLE IF EXISTS "${appRole}"; DROP ROLE IF EXISTS "${ownerRole}"`);
    },
  };
};
