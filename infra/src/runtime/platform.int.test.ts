import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createTestDatabase, testNatsUrl, uniqueName, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { createPlatform, startPayGate } from './index.ts';

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

describe('platform against real PostgreSQL and NATS', () => {
  let db: TestDatabase;
  const stream = uniqueName('RUNTIME');
  const subjects = [`${stream.toLowerCase()}.events.>`];

  beforeAll(async () => {
    db = await createTestDatabase('paygate_runtime');
  });

  afterAll(async () => {
    await db?.drop();
    const nc = await connect({ servers: testNatsUrl() });
    try {
      const jsm = await jetstreamManager(nc);
      for (const name of [stream, `${stream}_DEAD`, `${stream}_REPLAY`]) await jsm.streams.delete(name).catch(() => false);
    } finally {
      await nc.close();
    }
  });

  it('starts the api role, is ready, reports a lost database, and stops cleanly', async () => {
    const config = loadConfig({
      DATABASE_URL: db.url,
      NATS_URL: testNatsUrl(),
      NATS_STREAM: stream,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    const running = await startPayGate({ config, roles: ['api'], logger, platform: { natsSubjects: subjects } });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ready = await fetch(`${running.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', mode: 'sandbox', checks: { postgres: 'ok', eventStore: 'ok', broker: 'ok', nowpayments: 'ok' } });

      // The platform's adapters are live: the event store was migrated and appends.
      const streamId = `runtime-${randomUUID()}`;
      await running.platform.eventStore.append(streamId, [{ id: randomUUID(), type: 'Pinged', data: { n: 1 } }]);
      expect(await running.platform.eventStore.readStream(streamId)).toHaveLength(1);

      // Take the database away: /readyz turns 503 and names it.
      await db.drop();
      const notReady = await fetch(`${running.url}/readyz`);
      expect(notReady.status).toBe(503);
      const body = (await notReady.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe('not_ready');
      expect(body.checks.postgres).not.toBe('ok');
      expect(body.checks.broker).toBe('ok');
    } finally {
      expect(await running.stop()).toEqual({ clean: true });
    }
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('uses the in-process broker when NATS_URL is unset', async () => {
    const local = await createTestDatabase('paygate_runtime');
    try {
      const platform = await createPlatform(loadConfig({ DATABASE_URL: local.url }), { logger });
      try {
        await platform.broker.ping();
        const published = await platform.broker.publish('paygate.events.test.Pinged', new Uint8Array([1]), { msgId: 'm1' });
        expect(published.duplicate).toBe(false);
      } finally {
        await platform.close();
      }
    } finally {
      await local.drop();
    }
  });

  it('fails to start with a clear error when PostgreSQL is unreachable, leaving nothing open', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', PORT: '0' });
    await expect(startPayGate({ config, roles: ['api'], logger })).rejects.toThrow();
  });
});
