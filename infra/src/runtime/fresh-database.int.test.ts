import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Env } from '../config/index.ts';
import { createDefaultCommandRegistry, runCli } from '../cli/index.ts';
import { createLogger } from '../logging/index.ts';
import { createRoleDatabase, type RoleDatabase } from '../postgres/test-support/role-database.ts';
import { startPayGate, type RunningPayGate } from './index.ts';

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const KEY = 'fresh-database-operator-key';

// `paygate migrate` then `paygate start --roles api`, as a deployment with a migration job runs them.
describe('a freshly migrated database', () => {
  let r: RoleDatabase;
  let dataDir: string;
  let running: RunningPayGate | undefined;

  beforeAll(async () => {
    r = await createRoleDatabase('paygate_fresh');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-fresh-'));
  });
  afterAll(async () => {
    await running?.stop();
    await r?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('paygate migrate creates the read models as the app role, and an api-only process lists no payments (200)', { timeout: 60_000 }, async () => {
    const env: Env = { DATABASE_URL: r.appUrl, DATABASE_OWNER_URL: r.ownerUrl, PAYGATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['migrate', '--json'], { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env }, createDefaultCommandRegistry());
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, steps: expect.arrayContaining(['read models']) });

    // Before any PayGate process ran: every read model's tables exist, owned by the app role.
    const owners = await r.asSuperuser<{ table: string; owner: string }>(
      "SELECT relname AS table, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'read_model'::regnamespace AND relkind = 'r' ORDER BY 1",
    );
    expect(owners.rows.map((row) => row.table)).toEqual(expect.arrayContaining(['payments', 'invoices', 'channels', 'subscriptions', 'paygate_projection_checkpoints']));
    expect(new Set(owners.rows.map((row) => row.owner))).toEqual(new Set([r.appRole]));

    // The app role alone, no owner URL, no projector: the read API answers from empty tables.
    const config = loadConfig({ DATABASE_URL: r.appUrl, PAYGATE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PAYGATE_OPERATOR_KEY: KEY });
    running = await startPayGate({ config, roles: ['api'], logger });
    const response = await fetch(`${running.url}/api/v1/payments`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [], limit: 20, nextCursor: null });
  });
});
