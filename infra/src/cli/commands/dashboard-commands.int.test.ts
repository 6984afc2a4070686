import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPostgresEventStore } from '../../event-store/index.ts';
import { createPool } from '../../postgres/index.ts';
import { paygateCli } from '../test-support/run-paygate-cli.ts';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase('paygate_cli_dashboard');
  dir = await mkdtemp(join(tmpdir(), 'paygate-dash-cli-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

const paygate = paygateCli(() => ({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', PAYGATE_PUBLIC_URL: 'https://pay.example' }));

describe('paygate dashboard link | logout | keygen (real PostgreSQL)', () => {
  it('issues a one-time link (an event, no secret in it), ends sessions, refuses a bad id', async () => {
    const issued = await paygate('dashboard', 'link', '--owner', '5000000001', '--json');
    expect(issued).toMatchObject({ code: 0, stderr: '' });
    const link = JSON.parse(issued.stdout) as { url: string; expiresAt: string; ownerId: string };
    expect(link.url).toMatch(/^https:\/\/pay\.example\/dashboard\/login\?token=[\w-]+\.[\w-]{43}$/);
    const secret = new URL(link.url).searchParams.get('token')!.split('.')[1]!;

    const pool = createPool(database.url, { max: 2 });
    const eventStore = createPostgresEventStore({ pool });
    try {
      const events = await eventStore.readAll();
      expect(events.map((event) => event.type)).toEqual(['LoginLinkIssued']);
      expect(JSON.stringify(events.map(({ data, metadata }) => ({ data, metadata })))).not.toContain(secret);
    } finally {
      await eventStore.close();
      await pool.end();
    }

    expect(await paygate('dashboard', 'logout', '--owner', '5000000001')).toEqual({ code: 0, stdout: '0 sessions of 5000000001 ended\n', stderr: '' });
    expect((await paygate('dashboard', 'link', '--owner', 'olga')).code).toBe(2);
  });

  it('writes an Ed25519 key once (0600) and prints its kid; refuses to overwrite it', async () => {
    const file = join(dir, 'signing.pem');
    const written = await paygate('dashboard', 'keygen', file, '--json');
    expect(written).toMatchObject({ code: 0, stderr: '' });
    const { kid, publicKeyPem } = JSON.parse(written.stdout) as { kid: string; publicKeyPem: string };
    expect(kid).toMatch(/^[\w-]{43}$/);
    expect(publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(await readFile(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(written.stdout).not.toContain('PRIVATE KEY');
    expect((await paygate('dashboard', 'keygen', file)).code).not.toBe(0);
  });
});
