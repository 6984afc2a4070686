import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { createHttpApp, startHttpServer } from './index.ts';

const logger = createLogger({ level: 'silent' });

describe('startHttpServer', () => {
  it('serves on a free port, lets an in-flight request finish on close, then refuses connections', async () => {
    let release: () => void = () => {};
    const app = createHttpApp({
      logger,
      readiness: [],
      routes: (r) =>
        void r.get('/slow', async (c) => {
          await new Promise<void>((resolve) => (release = resolve));
          return c.text('done');
        }),
    });
    const server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const inFlight = fetch(`${server.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    release();
    expect(await (await inFlight).text()).toBe('done');
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('reports a taken port as unavailable', async () => {
    const app = createHttpApp({ logger, readiness: [] });
    const first = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
    try {
      await expect(startHttpServer(app, { port: first.port, host: '127.0.0.1' })).rejects.toMatchObject({
        kind: 'unavailable',
        message: `cannot listen on 127.0.0.1:${first.port} (EADDRINUSE)`,
      });
    } finally {
      await first.close();
    }
  });
});
