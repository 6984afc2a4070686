import type pg from 'pg';
import { money, type Broker, type EventStore, type RecordedEvent } from '@paygate/domain';
import {
  createNowPaymentsClient,
  createNowPaymentsSandbox,
  IPN_SIGNATURE_HEADER,
  signIpnPayload,
  type NowPaymentsSandboxOptions,
} from '@paygate/gateways';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@paygate/testkit';
import { createInProcessBroker } from '../../broker/in-process/index.ts';
import { createPostgresEventStore, migrateEventStore } from '../../event-store/index.ts';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '../../http/index.ts';
import { createLogger } from '../../logging/index.ts';
import { createPool } from '../../postgres/index.ts';
import { createPaymentFlow, type PaymentFlow } from '../payment-flow.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

export const IPN_SECRET = 'flow_test_ipn_secret';
export const API_KEY = 'flow-test-api-key';
export const FEE_BPS = 250;

export type LogLine = { level: number; msg: string; [key: string]: unknown };

export type FlowHarness = {
  db: TestDatabase;
  pool: pg.Pool;
  eventStore: EventStore;
  /** The flow's broker: in-process (the NATS case builds its own). */
  broker: Broker;
  flow: PaymentFlow;
  sandbox: ReturnType<typeof createNowPaymentsSandbox>;
  sandboxUrl: string;
  webhookUrl: string;
  logLines: LogLine[];
  /** Set with `viaProxy`: cut it to make PostgreSQL unreachable for the flow. */
  proxy?: TcpProxy;
  allEvents(): Promise<RecordedEvent[]>;
  /**
   * Rows in the event table, counted directly: `$all` reads stop below the cluster's oldest
   * running transaction, and other suites share the server, so it can lag what is committed.
   */
  eventCount(): Promise<number>;
  postIpn(body: string | Uint8Array, headers?: Record<string, string>): Promise<Response>;
  postSignedIpn(payload: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Registers a channel with a 12.50 USD monthly tier; returns its ids. */
  channelWithTier(suffix?: string): Promise<{ channelId: string; tierId: string; ownerId: string }>;
  close(): Promise<void>;
};

export type FlowHarnessOptions = {
  ipnSecret?: string | undefined;
  sandbox?: Partial<NowPaymentsSandboxOptions>;
  maxIpnBodyBytes?: number;
  /** Reach PostgreSQL through a TCP proxy the test can cut. */
  viaProxy?: boolean;
};

/**
 * A real PostgreSQL event store (fresh database), the NOWPayments sandbox over HTTP, and the
 * api's HTTP app with the payment flow's webhook on a real port: the pieces an IPN really crosses.
 */
export const startFlowHarness = async (options: FlowHarnessOptions = {}): Promise<FlowHarness> => {
  const secret = 'ipnSecret' in options ? options.ipnSecret : IPN_SECRET;
  const db = await createTestDatabase('paygate_flow');
  const server = new URL(testServerUrl());
  const proxy = options.viaProxy ? await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) }) : undefined;
  const url = new URL(db.url);
  if (proxy) url.port = String(proxy.port);
  const pool = createPool(url.toString(), { max: 8, connectionTimeoutMillis: 2_000 });
  await migrateEventStore(pool);
  const eventStore = createPostgresEventStore({ pool });
  const broker = createInProcessBroker();
  const logLines: LogLine[] = [];
  const logger = createLogger({
    level: 'info',
    secrets: [IPN_SECRET, API_KEY, ...(secret?.trim() ? [secret] : [])],
    destination: { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) },
  });

  // The server starts first (its URL is the public URL the invoices carry); the app is swapped in after.
  let fetchApp: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const http: RunningHttpServer = await startHttpServer({ fetch: (request: Request) => fetchApp(request) }, { port: 0, host: '127.0.0.1', graceMs: 1_000 });
  const sandbox = createNowPaymentsSandbox({ ipnSecret: secret?.trim() ? secret : IPN_SECRET, apiKey: API_KEY, ipnRetry: { attempts: 1 }, ...options.sandbox });
  const sandboxServer = await sandbox.listen(0);
  const flow = createPaymentFlow(
    { eventStore, broker, logger },
    {
      nowPayments: createNowPaymentsClient({ apiUrl: sandboxServer.url, apiKey: API_KEY, timeoutMs: 5_000 }),
      publicUrl: http.url,
      ipnSecret: secret,
      feeBps: FEE_BPS,
      ...(options.maxIpnBodyBytes === undefined ? {} : { maxIpnBodyBytes: options.maxIpnBodyBytes }),
    },
  );
  fetchApp = createHttpApp({ logger, readiness: [], routes: (app) => flow.mountRoutes(app) }).fetch;
  const webhookUrl = `${http.url}/webhooks/nowpayments`;

  const postIpn = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(webhookUrl, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  let channels = 0;

  return {
    db,
    pool,
    eventStore,
    broker,
    flow,
    sandbox,
    sandboxUrl: sandboxServer.url,
    webhookUrl,
    logLines,
    ...(proxy === undefined ? {} : { proxy }),
    allEvents: () => eventStore.readAll(),
    eventCount: async () => Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM paygate_events')).rows[0]!.n),
    postIpn,
    postSignedIpn: (payload, headers = {}) =>
      postIpn(JSON.stringify(payload), { [IPN_SIGNATURE_HEADER]: signIpnPayload(payload, secret ?? IPN_SECRET), ...headers }),
    async channelWithTier(suffix = String((channels += 1))) {
      const channelId = `ch_${suffix}`;
      const ownerId = '4242';
      await flow.channels.registerChannel({ channelId, chatId: '-1001234567890', ownerId, title: 'Alpha signals' });
      await flow.channels.priceTier({ channelId, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30 });
      return { channelId, tierId: 'monthly', ownerId };
    },
    async close() {
      await http.close();
      await sandboxServer.close();
      await broker.close();
      await eventStore.close();
      await pool.end();
      await proxy?.close();
      await db.drop();
    },
  };
};

/** The events of one stream, as types in order. */
export const typesOf = (events: readonly RecordedEvent[], streamId?: string): string[] =>
  events.filter((event) => streamId === undefined || event.streamId === streamId).map((event) => event.type);
