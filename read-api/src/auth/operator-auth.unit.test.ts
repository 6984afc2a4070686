import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrorHandler, type HttpEnv } from '@paygate/http';
import { createMemoryLogger } from '@paygate/testkit';
import type { AuthLockout } from './auth-lockout.ts';
import { operatorAuth } from './operator-auth.ts';

const KEY = 'operator-auth-unit-key';

/** Locks after `max` failures per key, for a minute; in memory, like the PostgreSQL one behaves. */
const memoryLockout = (max: number): AuthLockout & { failures: Map<string, number> } => {
  const failures = new Map<string, number>();
  return {
    failures,
    lockedFor: async (key) => ((failures.get(key) ?? 0) >= max ? 60_000 : 0),
    recordFailure: async (key) => {
      const count = (failures.get(key) ?? 0) + 1;
      failures.set(key, count);
      return count >= max ? 60_000 : 0;
    },
  };
};

const appFor = (lockout: AuthLockout) => {
  const logger = createMemoryLogger();
  const app = new Hono<HttpEnv>();
  app.onError(createErrorHandler(logger));
  app.use(async (c, next) => {
    c.set('clientIp', c.req.header('x-test-ip') ?? 'unknown');
    await next();
  });
  app.use(operatorAuth({ operatorKey: KEY, logger, lockout }));
  app.get('/x', (c) => c.text('ok'));
  return { app, logger };
};

const call = (app: Hono<HttpEnv>, ip: string, key?: string) =>
  app.request('/x', { headers: { 'x-test-ip': ip, ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) } });

describe('operator key lockout', () => {
  it('counts wrong keys per address and then refuses even the right key with 429 + Retry-After', async () => {
    const lockout = memoryLockout(3);
    const { app, logger } = appFor(lockout);
    expect((await call(app, 'a')).status).toBe(401);
    expect(lockout.failures.get('a')).toBeUndefined();
    for (let i = 0; i < 3; i++) expect((await call(app, 'a', 'wrong')).status).toBe(401);
    expect(logger.entries.some((entry) => entry.message === 'operator key lockout started' && entry.object.clientIp === 'a')).toBe(true);
    const locked = await call(app, 'a', KEY);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
    expect((await call(app, 'b', KEY)).status).toBe(200);
  });

  it('the right key does not count as a failure', async () => {
    const lockout = memoryLockout(1);
    const { app } = appFor(lockout);
    for (let i = 0; i < 5; i++) expect((await call(app, 'a', KEY)).status).toBe(200);
    expect(lockout.failures.size).toBe(0);
  });
});
