import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, createPostgresEventStore, migrateEventStore } from '@paygate/infra';

/** A fresh database on the benchmark server, so every run starts empty and the baseline shares it. */
export const createBenchDatabase = async () => {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `paygate_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), { max: 40 });
  await migrateEventStore(pool);
  const eventStore = createPostgresEventStore({ pool });
  return {
    url: url.toString(),
    pool,
    eventStore,
    drop: async () => {
      await eventStore.close();
      await pool.end();
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};

export type BenchDatabase = Awaited<ReturnType<typeof createBenchDatabase>>;
