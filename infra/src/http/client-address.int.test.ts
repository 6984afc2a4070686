import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { createHttpApp, startHttpServer, type RunningHttpServer } from './index.ts';

const logger = createLogger({ level: 'silent' });
let server: RunningHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const whoAmI = async (trustedProxies: readonly string[] | undefined, headers: Record<string, string> = {}) => {
  const app = createHttpApp({ logger, readiness: [], trustedProxies, routes: (r) => void r.get('/ip', (c) => c.text(c.get('clientIp'))) });
  server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return (await fetch(`${server.url}/ip`, { headers })).text();
};

describe('client address', () => {
  it("is the socket's peer address", async () => {
    expect(await whoAmI(undefined)).toBe('127.0.0.1');
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy (opt-in)', async () => {
    expect(await whoAmI(undefined, { 'x-forwarded-for': '203.0.113.9' })).toBe('127.0.0.1');
    await server?.close();
    expect(await whoAmI(['10.9.9.9'], { 'x-forwarded-for': '203.0.113.9' })).toBe('127.0.0.1');
  });

  it('behind a trusted proxy: the right-most address that is not a trusted proxy, not what the client wrote', async () => {
    expect(await whoAmI(['127.0.0.1'], { 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
    await server?.close();
    // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    expect(await whoAmI(['127.0.0.1', '10.0.0.2'], { 'x-forwarded-for': '1.2.3.4, 198.51.100.7, 10.0.0.2' })).toBe('198.51.100.7');
    await server?.close();
    expect(await whoAmI(['127.0.0.1'], { 'x-forwarded-for': 'not-an-ip' })).toBe('127.0.0.1');
  });

  it('is "unknown" without a socket (app.request in tests)', async () => {
    const app = createHttpApp({ logger, readiness: [], routes: (r) => void r.get('/ip', (c) => c.text(c.get('clientIp'))) });
    expect(await (await app.request('/ip')).text()).toBe('unknown');
  });
});
