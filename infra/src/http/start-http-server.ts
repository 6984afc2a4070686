import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { unavailableError } from '@paygate/domain';

export type RunningHttpServer = {
  /** e.g. `http://0.0.0.0:3000` — the bound address and the real port (PORT=0 picks one). */
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then resolves. */
  close(): Promise<void>;
};

/**
 * Bounds on what one client can hold, so slow or idle connections (slowloris) cannot tie the
 * server up. Node checks the header and request timeouts every `connectionsCheckingIntervalMs`.
 */
export type ServerLimits = {
  /** All request headers must arrive within this; else 408 and the socket is closed. Default 10 s. */
  headersTimeoutMs?: number;
  /** The whole request (headers and body) must arrive within this. Default 30 s. */
  requestTimeoutMs?: number;
  /** An idle kept-alive socket is closed after this. Default 5 s. */
  keepAliveTimeoutMs?: number;
  /** Further connections are dropped at once. Default 1024. */
  maxConnections?: number;
  /** Default 1 s (Node's is 30 s, which would let a slow client overstay its timeout by that much). */
  connectionsCheckingIntervalMs?: number;
};

export type StartHttpServerOptions = { port: number; host: string; graceMs?: number } & ServerLimits;

const formatHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

// Hono's generic Env varies per app; the server only needs fetch.
type FetchApp = Pick<Hono, 'fetch'> | { fetch: Hono['fetch'] };

export const startHttpServer = async (
  app: FetchApp,
  {
    port,
    host,
    graceMs = 10_000,
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 30_000,
    keepAliveTimeoutMs = 5_000,
    maxConnections = 1024,
    connectionsCheckingIntervalMs = 1_000,
  }: StartHttpServerOptions,
): Promise<RunningHttpServer> => {
  const server = createAdaptorServer({
    fetch: app.fetch,
    // Creation-time options: Node reads the checking interval only when the server is made.
    serverOptions: {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      connectionsCheckingInterval: connectionsCheckingIntervalMs,
    },
  }) as Server;
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL'
          ? unavailableError(`cannot listen on ${host}:${port} (${error.code})`, error)
          : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const bound = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      // Keep-alive sockets hold close() open until they time out; drop each one as soon as its
      // in-flight request has been answered.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.close((error) => {
        clearTimeout(force);
        clearInterval(idle);
        if (error) reject(error);
        else resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url: `http://${formatHost(host)}:${bound}`, port: bound, close };
};
