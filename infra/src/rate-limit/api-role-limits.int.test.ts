import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '@paygate/bot';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { composePayGate } from '../runtime/compose-paygate.ts';
import { createPlatform, type RunningPlatform } from '../runtime/platform.ts';
import { platformReadinessChecks } from '../runtime/readiness-checks.ts';
import { createApiRole, readApiRoutes } from '../runtime/roles/index.ts';
import type { Role } from '../runtime/role.ts';

// The api role as a deployment runs it, with small budgets from the configuration. Every caller
// here is 127.0.0.1: the socket's address is what counts.
const KEY = 'api-role-limits-operator-key';
const logger = createLogger({ level: 'silent' });
let db: TestDatabase;

const startApi = async (): Promise<{ platform: RunningPlatform; role: Role; url: string }> => {
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    PAYGATE_OPERATOR_KEY: KEY,
    RATE_LIMIT_API_PER_MINUTE: '5',
    RATE_LIMIT_WEBHOOK_PER_MINUTE: '3',
  });
  const platform = await createPlatform(config, { logger });
  const { rateLimits, readModels, address } = composePayGate(platform);
  const role = createApiRole({
    logger,
    config,
    readiness: platformReadinessChecks(platform),
    routes: [
      readApiRoutes({ readModels, operatorKey: config.operatorKey, logger, limits: rateLimits.readApi }),
      // A stand-in for the bot's webhook handler: the limit sits in front of whatever is mounted there.
      (app) => void app.post(WEBHOOK_PATH, (c) => c.text('handled')),
    ],
    webhookLimit: rateLimits.telegramWebhook,
    address,
  });
  await role.start();
  return { platform, role, url: role.url!()! };
};

beforeAll(async () => {
  db = await createTestDatabase('paygate_api_limits');
});
afterAll(async () => {
  await db?.drop();
});

describe('api role limits', () => {
  it('limits the Telegram webhook and the read API per address, keeps counts across a restart, never limits probes', async () => {
    let api = await startApi();
    try {
      const hook = () => fetch(`${api.url}${WEBHOOK_PATH}`, { method: 'POST', body: '{}' });
      for (let i = 0; i < 3; i++) expect((await hook()).status).toBe(200);
      const refused = await hook();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.headers.get('x-content-type-options')).toBe('nosniff');

      const read = () => fetch(`${api.url}/api/v1/payments`, { headers: { authorization: `Bearer ${KEY}` } });
      for (let i = 0; i < 5; i++) expect((await read()).status).not.toBe(429);
      expect((await read()).status).toBe(429);

      for (let i = 0; i < 20; i++) {
        expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
        expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      }

      // A restart (a new process, new pool, empty memory) still sees the counts.
      await api.role.stop();
      await api.platform.close();
      api = await startApi();
      expect((await hook()).status).toBe(429);
      expect((await read()).status).toBe(429);
    } finally {
      await api.role.stop();
      await api.platform.close();
    }
  });

  it('answers an oversized Telegram webhook body with 413 before the handler', async () => {
    const api = await startApi();
    try {
      const response = await fetch(`${api.url}${WEBHOOK_PATH}`, { method: 'POST', body: 'x'.repeat(256 * 1024 + 1) });
      // Refused on its declared length, before the rate limit or the handler reads anything.
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ type: 'urn:paygate:problem:too_large', details: { maxBytes: 256 * 1024 } });
    } finally {
      await api.role.stop();
      await api.platform.close();
    }
  });
});
