import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadApi } from '@paygate/read-api';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '../http/index.ts';
import { createLogger } from '../logging/index.ts';
import { createPool } from '../postgres/index.ts';
import { createPostgresAuthLockout, createPostgresRateLimiter, migrateRateLimitTable, OPERATOR_KEY_LOCKOUT } from './index.ts';

// The read API's limits over PostgreSQL, served the way the api role serves it. Callers from
// several addresses are simulated through a trusted proxy (this test, on loopback) and X-Forwarded-For.
const KEY = 'read-api-limits-operator-key';
const logger = createLogger({ level: 'silent' });
let db: TestDatabase;
let pool: pg.Pool;
let kysely: Kysely<Record<string, never>>;
let server: RunningHttpServer;

beforeAll(async () => {
  db = await createTestDatabase('paygate_read_api_limits');
  pool = createPool(db.url, { max: 4 });
  await migrateRateLimitTable(pool);
  kysely = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const ready = async () => {};
  const readApi = createReadApi({
    db: kysely,
    schema: 'read_model',
    operatorKey: KEY,
    logger,
    limits: {
      perAddress: createPostgresRateLimiter({ pool, ready, name: 'api-address', points: 30, durationSeconds: 60 }),
      perKey: createPostgresRateLimiter({ pool, ready, name: 'api-key', points: 20, durationSeconds: 60 }),
      lockout: createPostgresAuthLockout({ pool, ready, name: 'operator-key-failures', ...OPERATOR_KEY_LOCKOUT }),
    },
  });
  const app = createHttpApp({ logger, readiness: [], trustedProxies: ['127.0.0.1'], routes: (r) => void r.route('/', readApi) });
  server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
  await kysely?.destroy();
  await db?.drop();
});

const call = (from: string, key?: string) =>
  fetch(`${server.url}/api/v1/channels/ch-1`, { headers: { 'x-forwarded-for': from, ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) } });

describe('read API limits', () => {
  it('locks an address out after 10 wrong keys, even with the right key; other addresses go on', async () => {
    const attacker = '203.0.113.66';
    // No key at all is not a guess and does not count.
    for (let i = 0; i < 3; i++) expect((await call(attacker)).status).toBe(401);
    for (let i = 0; i < OPERATOR_KEY_LOCKOUT.maxFailures; i++) expect((await call(attacker, `guess-${i}`)).status).toBe(401);
    const locked = await call(attacker, KEY);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(OPERATOR_KEY_LOCKOUT.lockSeconds - 10);
    expect(retryAfter).toBeLessThanOrEqual(OPERATOR_KEY_LOCKOUT.lockSeconds);
    expect(await locked.json()).toMatchObject({ type: 'urn:paygate:problem:rate_limited', detail: expect.stringContaining('wrong operator keys') });
    // Another address with the right key gets past the key (to the read model, not set up here).
    expect([401, 429]).not.toContain((await call('198.51.100.10', KEY)).status);
  });

  it('limits each address (before the key is checked) and the operator key (after)', async () => {
    const noisy = '203.0.113.77';
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await call(noisy)).status);
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    const refused = await call(noisy, KEY);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // The key's own budget (20 a minute here) counts across addresses: one was spent above.
    const answered = [];
    for (let i = 0; i < 20; i++) answered.push((await call(`198.51.100.${20 + i}`, KEY)).status);
    expect(answered.filter((status) => status === 429)).toHaveLength(1);
    expect(answered.at(-1)).toBe(429);
  });

  it('health probes are not limited', async () => {
    for (let i = 0; i < 50; i++) expect((await fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.77' } })).status).toBe(200);
  });
});
