import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '../http/index.ts';
import { loopbackOnly } from './sandbox-guard.ts';

/** An address of this machine that is not loopback: a request to it arrives from a non-loopback address. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((candidate) => candidate !== undefined && candidate.family === 'IPv4' && !candidate.internal)?.address;

describe('sandbox control routes answer loopback callers only', () => {
  let server: RunningHttpServer;
  const lines: string[] = [];

  beforeAll(async () => {
    const app = createHttpApp({
      logger: createLogger({ level: 'silent', destination: { write: (line: string) => void lines.push(line) } }),
      readiness: [],
      routes: (routes) => {
        routes.use('/sandbox/*', loopbackOnly);
        routes.post('/sandbox/invoices/:id/pay', (c) => c.json({ paid: c.req.param('id') }));
        routes.get('/v1/status', (c) => c.json({ message: 'OK' }));
      },
    });
    server = await startHttpServer(app, { port: 0, host: '0.0.0.0' });
  });
  afterAll(() => server?.close());

  it('serves a caller on 127.0.0.1', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/sandbox/invoices/inv_1/pay`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ paid: 'inv_1' });
  });

  it('refuses a request a local reverse proxy relayed (it comes from loopback but is not local)', async () => {
    for (const header of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }]) {
      const response = await fetch(`http://127.0.0.1:${server.port}/sandbox/invoices/inv_1/pay`, { method: 'POST', headers: header });
      expect(response.status).toBe(403);
    }
  });

  it.skipIf(externalAddress === undefined)('refuses a caller from another address with 403 (skipped when this machine has no non-loopback IPv4 address)', async () => {
    const response = await fetch(`http://${externalAddress}:${server.port}/sandbox/invoices/inv_1/pay`, { method: 'POST' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    // The simulated API itself stays reachable: another process's bot may need it.
    expect((await fetch(`http://${externalAddress}:${server.port}/v1/status`)).status).toBe(200);
  });

  it('refuses a request with no socket at all (nothing proves it is local)', async () => {
    const app = createHttpApp({ logger: createLogger({ level: 'silent' }), readiness: [], routes: (r) => void r.use('/sandbox/*', loopbackOnly).post('/sandbox/x', (c) => c.text('no')) });
    expect((await app.request('/sandbox/x', { method: 'POST' })).status).toBe(403);
  });
});
