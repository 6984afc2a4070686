import { describe, expect, it } from 'vitest';
import { PayGateError, type ErrorKind } from '@paygate/domain';
import { createLogger } from '../logging/index.ts';
import { createHttpApp, type HttpApp } from './index.ts';

const capture = () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { lines, logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
};

const ok = async () => {};
const fail = async () => {
  throw new Error('connect ECONNREFUSED 10.1.2.3:5432 password=hunter2');
};
const hang = () => new Promise<void>(() => {});

describe('/healthz and /readyz', () => {
  it('healthz says the process is alive without touching dependencies', async () => {
    const app = createHttpApp({ logger: capture().logger, readiness: [{ name: 'postgres', check: fail }] });
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('readyz is 200 when every dependency answers', async () => {
    const app = createHttpApp({
      logger: capture().logger,
      readiness: [
        { name: 'postgres', check: ok },
        { name: 'broker', check: ok },
      ],
    });
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', broker: 'ok' } });
  });

  it('readyz states the facts it was given, such as the mode', async () => {
    const app = createHttpApp({ logger: capture().logger, readiness: [{ name: 'postgres', check: ok }], facts: { mode: 'live' } });
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready', mode: 'live', checks: { postgres: 'ok' } });
  });

  it('readyz is 503 naming the failed and the hung dependency, with no internals', async () => {
    const { logger, records } = capture();
    const app = createHttpApp({
      logger,
      readinessTimeoutMs: 100,
      readiness: [
        { name: 'postgres', check: fail },
        { name: 'eventStore', check: ok },
        { name: 'broker', check: hang },
      ],
    });
    const started = Date.now();
    const response = await app.request('/readyz');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'not_ready', checks: { postgres: 'failed', eventStore: 'ok', broker: 'timeout' } });
    expect(text).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|hunter2/);
    // The reason is in the log for the operator.
    expect(records().some((r) => r.dependency === 'postgres' && r.msg === 'readiness check failed')).toBe(true);
  });

  it('a check that throws synchronously counts as failed', async () => {
    const app = createHttpApp({
      logger: capture().logger,
      readiness: [
        {
          name: 'x',
          check: () => {
            throw new Error('sync');
          },
        },
      ],
    });
    expect((await app.request('/readyz')).status).toBe(503);
  });
});

describe('problem+json errors', () => {
  const appThrowing = (error: unknown): { app: HttpApp; records: () => Record<string, unknown>[] } => {
    const { logger, records } = capture();
    const app = createHttpApp({
      logger,
      readiness: [],
      routes: (routes) => {
        routes.get('/boom', () => {
          throw error;
        });
      },
    });
    return { app, records };
  };

  it.each<[ErrorKind, number]>([
    ['validation', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['too_large', 413],
    ['rate_limited', 429],
    ['unavailable', 503],
    ['internal', 500],
  ])('maps kind %s to %i', async (kind, status) => {
    const { app, records } = appThrowing(new PayGateError(kind, `the ${kind} message`));
    const response = await app.request('/boom');
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['detail', 'errorId', 'status', 'title', 'type']);
    expect(body).toMatchObject({ type: `urn:paygate:problem:${kind}`, status });
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    // Internal and unavailable details are generic; the rest are the message meant for the caller.
    if (kind === 'internal' || kind === 'unavailable') expect(body.detail).not.toContain('message');
    else expect(body.detail).toBe(`the ${kind} message`);
    // The same errorId is in the log, so an operator can find the cause.
    expect(records().some((r) => r.errorId === body.errorId)).toBe(true);
  });

  it('returns caller-facing details with bigints as strings', async () => {
    const { app } = appThrowing(new PayGateError('conflict', 'stream moved on', { actualRevision: 7n }));
    const body = (await (await app.request('/boom')).json()) as Record<string, unknown>;
    expect(body.details).toEqual({ actualRevision: '7' });
  });

  it('turns an unknown error into a 500 with no message or stack, and logs the stack', async () => {
    const { app, records } = appThrowing(new TypeError('cannot read x of undefined at /srv/app/secret.ts:10'));
    const response = await app.request('/boom');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/TypeError|secret\.ts|at /);
    const body = JSON.parse(text) as Record<string, unknown>;
    const logged = records().find((r) => r.errorId === body.errorId) as { err?: { stack?: string } } | undefined;
    expect(logged?.err?.stack).toContain('TypeError');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { app } = appThrowing(new Error('unused'));
    const response = await app.request('/nope', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, detail: 'No route for POST /nope' });
  });

  it('answers a known path with the wrong method with a 405 problem naming the allowed ones', async () => {
    const { logger } = capture();
    const app = createHttpApp({
      logger,
      readiness: [],
      routes: (r) => {
        r.get('/things/:id', (c) => c.text('thing'));
        r.delete('/things/:id', (c) => c.text('gone'));
        r.use('/things/*', async (_c, next) => next());
      },
    });
    const response = await app.request('/things/7', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE, GET, HEAD');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: 'urn:paygate:problem:method_not_allowed', status: 405, title: 'Method not allowed' });
    // The probes too; HEAD is served wherever GET is.
    const probe = await app.request('/healthz', { method: 'PUT' });
    expect(probe.status).toBe(405);
    expect(probe.headers.get('allow')).toBe('GET, HEAD');
    expect((await app.request('/healthz', { method: 'HEAD' })).status).toBe(200);
    // A path no route has (middleware does not count) stays 404.
    expect((await app.request('/things', { method: 'POST' })).status).toBe(404);
    expect((await app.request('/nothing/7', { method: 'POST' })).status).toBe(404);
  });

  it('sets Retry-After for rate limiting', async () => {
    const { app } = appThrowing(new PayGateError('rate_limited', 'slow down', { retryAfterSeconds: 2.5 }));
    const response = await app.request('/boom');
    expect(response.headers.get('retry-after')).toBe('3');
  });
});

describe('request logging', () => {
  it('logs one line per request with the path but not the query, and echoes a request id', async () => {
    const { logger, records } = capture();
    const app = createHttpApp({ logger, readiness: [], routes: (r) => void r.get('/x', (c) => c.text('hi')) });
    const response = await app.request('/x?token=abc123', { headers: { 'x-request-id': 'req-1' } });
    expect(response.headers.get('x-request-id')).toBe('req-1');
    const line = records().find((r) => r.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/x', status: 200, requestId: 'req-1', level: 30 });
    expect(JSON.stringify(records())).not.toContain('abc123');
  });
});
