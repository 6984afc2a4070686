import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@paygate/testkit';
import { loadConfig, type Env } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { createPool, migrate } from '../postgres/index.ts';
import { createPostgresEventStore } from '../event-store/index.ts';
import { createDefaultCommandRegistry, runCli } from '../cli/index.ts';
import { createRoleDatabase, type RoleDatabase } from '../postgres/test-support/role-database.ts';
import { createPlatform, startPayGate } from './index.ts';

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const capturingLogger = () => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } }) };
};

const LIVE: Env = {
  PAYGATE_MODE: 'live',
  PAYGATE_PUBLIC_URL: 'https://pay.example.org',
  PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
  NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
  NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
  TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
  CHANGENOW_API_KEY: 'cn-key-0123456789',
  ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
  HOST_WALLET_PRIVATE_KEY: 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4',
};

const tablePrivileges = async (r: RoleDatabase, table: string): Promise<string[]> =>
  (
    await r.asSuperuser<{ privilege_type: string }>(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = '${r.appRole}' AND table_name = '${table}' ORDER BY 1`,
    )
  ).rows.map((row) => row.privilege_type);

const migrateCli = async (env: Env): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['migrate', '--json'], { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: { LOG_LEVEL: 'silent', ...env } }, createDefaultCommandRegistry());
  return { code, out: out.join(''), err: err.join('') };
};

describe('PostgreSQL roles: the owner migrates, the app role runs', () => {
  let r: RoleDatabase;
  let dataDir: string;
  let env: Env;

  beforeAll(async () => {
    r = await createRoleDatabase('paygate_roles');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-roles-'));
    env = { DATABASE_URL: r.appUrl, DATABASE_OWNER_URL: r.ownerUrl, PAYGATE_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await r?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('paygate migrate runs as the owner, grants the app role only its share, and is idempotent, taking back what was added by hand', async () => {
    const first = await migrateCli(env);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ ok: true, eventStore: 'postgres', appRole: r.appRole });

    const owners = await r.asSuperuser<{ tablename: string; tableowner: string }>(
      "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'paygate_%' ORDER BY 1",
    );
    expect(owners.rows.length).toBeGreaterThanOrEqual(5);
    expect(new Set(owners.rows.map((row) => row.tableowner))).toEqual(new Set([r.ownerRole]));
    expect(await tablePrivileges(r, 'paygate_events')).toEqual(['SELECT']);
    expect(await tablePrivileges(r, 'paygate_streams')).toEqual(['SELECT']);
    expect(await tablePrivileges(r, 'paygate_bot_updates')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(await tablePrivileges(r, 'paygate_rate_limits')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(await tablePrivileges(r, 'paygate_schema_migrations')).toEqual(['SELECT']);

    // Someone widens the app role by hand; the next migrate takes it back and applies nothing twice.
    await r.asSuperuser(`GRANT INSERT, UPDATE, DELETE, TRUNCATE ON paygate_events TO "${r.appRole}"; GRANT UPDATE ON paygate_streams TO "${r.appRole}"`);
    expect(await tablePrivileges(r, 'paygate_events')).toEqual(['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE']);
    const second = await migrateCli(env);
    expect(second.code).toBe(0);
    expect(await tablePrivileges(r, 'paygate_events')).toEqual(['SELECT']);
    expect(await tablePrivileges(r, 'paygate_streams')).toEqual(['SELECT']);
    const history = await r.asSuperuser<{ n: number; distinct_n: number }>('SELECT count(*)::int AS n, count(DISTINCT (scope, version))::int AS distinct_n FROM paygate_schema_migrations');
    expect(history.rows[0]!.n).toBe(history.rows[0]!.distinct_n);
  });

  it('as the app role the log cannot be rewritten (UPDATE, DELETE, TRUNCATE, INSERT, DISABLE TRIGGER, DROP all refused), while appends and reads work', async () => {
    const pool = createPool(r.appUrl, { max: 2 });
    const store = createPostgresEventStore({ pool, notifyChannel: null });
    try {
      const stream = `roles-${randomUUID()}`;
      await store.append(stream, [{ id: randomUUID(), type: 'Tested', data: { n: 1 } }]);
      await store.append(stream, [{ id: randomUUID(), type: 'Tested', data: { n: 2 } }], { expectedRevision: 0n });
      expect(await store.readStream(stream)).toHaveLength(2);

      const refused = [
        "UPDATE paygate_events SET type = 'Forged'",
        'DELETE FROM paygate_events',
        'TRUNCATE paygate_events',
        "INSERT INTO paygate_events (stream_id, stream_revision, event_id, type, data) VALUES ('x', 0, gen_random_uuid(), 'Forged', '{}')",
        'UPDATE paygate_streams SET revision = 0',
        'DELETE FROM paygate_streams',
        'ALTER TABLE paygate_events DISABLE TRIGGER paygate_events_no_update_delete',
        'ALTER TABLE paygate_events DISABLE TRIGGER ALL',
        'DROP TABLE paygate_events CASCADE',
        "SELECT nextval('paygate_events_position_seq')",
        'CREATE TABLE public.planted (id int)',
      ];
      for (const sql of refused) await expect(pool.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      expect(await store.readStream(stream)).toHaveLength(2);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('paygate start connects as the app role with the statement timeout; LISTEN, the leader lock and the relay outlive it', { timeout: 60_000 }, async () => {
    const config = loadConfig({ ...env, DATABASE_STATEMENT_TIMEOUT_MS: '300' });
    const running = await startPayGate({ config, roles: ['projector', 'relay'], logger });
    try {
      const { pool, eventStore } = running.platform;
      expect((await pool.query('SELECT current_user AS role')).rows[0]).toEqual({ role: r.appRole });
      expect((await pool.query('SHOW statement_timeout')).rows[0]).toEqual({ statement_timeout: '300ms' });
      await expect(pool.query('SELECT pg_sleep(1)')).rejects.toMatchObject({ code: '57014' });

      // Idle connections are not statements: after twice the timeout the listener and the lock remain.
      const subscription = eventStore.subscribeToAll();
      await new Promise((resolve) => setTimeout(resolve, 700));
      const stream = `roles-${randomUUID()}`;
      const { position } = await eventStore.append(stream, [{ id: randomUUID(), type: 'Tested', data: {} }]);
      for await (const event of subscription) if (event.streamId === stream) break;
      await subscription.close();

      const held = await r.asSuperuser<{ usename: string; application_name: string }>(
        `SELECT a.usename, a.application_name FROM pg_stat_activity a
          WHERE a.datname = current_database() AND a.usename = '${r.appRole}'
            AND (a.application_name = 'paygate_event_listener' OR a.pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted))`,
      );
      expect(held.rows.map((row) => row.application_name).sort()).toEqual(['paygate', 'paygate_event_listener']);

      // The relay's checkpoint and the read models live in the app role's own schema.
      await waitFor('relay checkpoint past the append', async () => {
        const { rows } = await r.asSuperuser<{ c: string }>('SELECT commit_position::text AS c FROM read_model.paygate_relay_checkpoints').catch(() => ({ rows: [] }));
        return rows.some((row) => BigInt(row.c) >= position.commit);
      });
      const schema = await r.asSuperuser<{ owner: string }>("SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'read_model'");
      expect(schema.rows[0]).toEqual({ owner: r.appRole });
      expect((await r.asSuperuser("SELECT to_regclass('public.paygate_relay_checkpoints') AS t")).rows[0]).toEqual({ t: null });

      // A scope the owner never ran fails for the app role instead of starting a second history in its schema.
      await expect(migrate(pool, 'app-only', [{ version: 1, name: 'sneaky', sql: 'CREATE TABLE paygate_events (id int)' }])).rejects.toMatchObject({ details: { sqlState: '42501' } });
      expect((await r.asSuperuser("SELECT to_regclass('read_model.paygate_schema_migrations') AS h, to_regclass('read_model.paygate_events') AS e")).rows[0]).toEqual({ h: null, e: null });
    } finally {
      expect(await running.stop()).toEqual({ clean: true });
    }
  });

  it('live mode refuses a superuser or owner app connection and accepts the app role; sandbox mode only warns', async () => {
    const superuser = await createPlatform(loadConfig({ ...LIVE, DATABASE_URL: r.superUrl, PAYGATE_DATA_DIR: dataDir }), { logger }).catch((e: unknown) => e);
    expect(superuser).toMatchObject({ name: 'PayGateError', kind: 'validation' });
    expect((superuser as Error).message).toMatch(/superuser.*docs\/operations\.md/);

    const owner = await createPlatform(loadConfig({ ...LIVE, DATABASE_URL: r.ownerUrl, PAYGATE_DATA_DIR: dataDir }), { logger }).catch((e: unknown) => e);
    expect(owner).toMatchObject({ kind: 'validation' });
    expect((owner as Error).message).toMatch(/owns paygate_events/);

    const app = await createPlatform(loadConfig({ ...LIVE, ...env }), { logger });
    await app.close();

    const { lines, logger: warnings } = capturingLogger();
    const sandbox = await createPlatform(loadConfig({ DATABASE_URL: r.superUrl, PAYGATE_DATA_DIR: dataDir }), { logger: warnings });
    await sandbox.close();
    expect(lines.join('')).toMatch(/is a superuser.*live mode would refuse/);
  });
});

describe('PostgreSQL roles: a single-role database moves to an owner and an app role', () => {
  let r: RoleDatabase;
  let dataDir: string;

  beforeAll(async () => {
    r = await createRoleDatabase('paygate_handover');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-handover-'));
  });
  afterAll(async () => {
    await r?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("hands the superuser's read models to the app role and carries the relay checkpoint over", { timeout: 60_000 }, async () => {
    const single = await startPayGate({ config: loadConfig({ DATABASE_URL: r.superUrl, PAYGATE_DATA_DIR: dataDir }), roles: ['projector', 'relay'], logger });
    let relayed: string;
    try {
      const { position } = await single.platform.eventStore.append(`handover-${randomUUID()}`, [{ id: randomUUID(), type: 'Tested', data: {} }]);
      relayed = await waitFor('relay checkpoint in public', async () => {
        const { rows } = await single.platform.pool.query<{ c: string }>('SELECT commit_position::text AS c FROM public.paygate_relay_checkpoints');
        return rows.find((row) => BigInt(row.c) >= position.commit)?.c;
      });
    } finally {
      await single.stop();
    }

    const config = loadConfig({ DATABASE_URL: r.appUrl, DATABASE_OWNER_URL: r.superUrl, PAYGATE_DATA_DIR: dataDir });
    const split = await startPayGate({ config, roles: ['projector', 'relay'], logger });
    try {
      const owners = await r.asSuperuser<{ owner: string }>(
        `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'read_model'::regnamespace
         UNION SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'read_model'`,
      );
      expect(owners.rows).toEqual([{ owner: r.appRole }]);
      const carried = await r.asSuperuser<{ c: string }>('SELECT commit_position::text AS c FROM read_model.paygate_relay_checkpoints');
      expect(BigInt(carried.rows[0]!.c)).toBeGreaterThanOrEqual(BigInt(relayed));
      expect(await split.platform.pool.query('SELECT 1 FROM read_model.channels LIMIT 1')).toBeTruthy();
    } finally {
      expect(await split.stop()).toEqual({ clean: true });
    }
  });
});
