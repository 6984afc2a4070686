import { connect, type Socket } from 'node:net';
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

  it('closes a slowloris connection (headers trickling in byte by byte) within the headers timeout', async () => {
    const app = createHttpApp({ logger, readiness: [] });
    const server = await startHttpServer(app, {
      port: 0,
      host: '127.0.0.1',
      headersTimeoutMs: 300,
      requestTimeoutMs: 1_000,
      connectionsCheckingIntervalMs: 50,
    });
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const started = Date.now();
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    socket.on('error', () => {});
    // Never finishes the headers: one byte every 50 ms, the slowloris pattern.
    const headers = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ' + 'a'.repeat(500);
    let sent = 0;
    const trickle = setInterval(() => {
      if (!socket.destroyed && sent < headers.length) socket.write(headers[sent++]!);
    }, 50);
    try {
      const afterMs = await closed;
      expect(afterMs).toBeLessThan(1_500);
      expect(sent).toBeLessThan(headers.length);
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(trickle);
      socket.destroy();
      await server.close();
    }
  });

  it('drops connections beyond maxConnections', async () => {
    const app = createHttpApp({ logger, readiness: [] });
    const server = await startHttpServer(app, { port: 0, host: '127.0.0.1', maxConnections: 1 });
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
        socket.on('error', reject);
      });
    const first = await open();
    try {
      const second = await open();
      const closedByServer = await new Promise<boolean>((resolve) => {
        second.on('close', () => resolve(true));
        second.on('error', () => {});
        setTimeout(() => resolve(false), 2_000);
      });
      expect(closedByServer).toBe(true);
    } finally {
      first.destroy();
      await server.close();
    }
  });
});
