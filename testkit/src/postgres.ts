import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Server the integration tests use; CI starts one on loopback. */
export const testServerUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withDatabase = (serverUrl: string, database: string): string => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/** Creates a fresh, uniquely named database so parallel suites never see each other's rows. */
export const createTestDatabase = async (prefix = 'paygate_test'): Promise<TestDatabase> => {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    drop: async () => {
      const client = new pg.Client({ connectionString: testServerUrl() });
      await client.connect();
      try {
        // A pool's end() resolves while its connections are still closing; a FORCE drop then
        // terminates them mid-close, and the client emits an unhandled 57P01. Let them go first
        // (bounded: a connection a test leaked open is still terminated by FORCE).
        for (let waited = 0; waited < 2_000; waited += 20) {
          const open = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (open.rows[0]!.n === '0') break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
};
