/**
 * A local Telegram Bot API: the methods PayGate and its grammY bot use, over HTTP at
 * `${url}/bot<token>/<method>` (grammY: `new Bot(token, { client: { apiRoot: url } })`), on a
 * simulated world of users, channels, members and invite links that tests and `--sandbox`
 * mode drive through the control API (direct functions, or HTTP under /sandbox/…).
 */
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { PayGateError } from '@paygate/domain';
import { createApiRoutes, createDispatcher } from './api-routes.ts';
import { createControl, type TelegramSandboxControl } from './control/control.ts';
import { createInspection } from './control/inspection.ts';
import { createControlRoutes } from './control-routes.ts';
import type { SandboxCore } from './core.ts';
import { createFaults } from './faults.ts';
import type { Params } from './params.ts';
import { DEFAULT_TELEGRAM_SANDBOX_LIMITS, type TelegramSandboxLimits } from './limits.ts';
import { createUpdateQueue } from './update-queue.ts';
import { createWebhook, DEFAULT_WEBHOOK_RETRY, type WebhookDelivery, type WebhookRetryPolicy } from './webhook.ts';
import { createWorld, type SandboxWorld } from './world.ts';
import { persistingControl, persistingDispatcher } from './world-changes.ts';
import { createWorldPersistence, restoreWorld, type WorldPersistence } from './world-persistence.ts';
import { snapshotWorld } from './world-snapshot.ts';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type TelegramSandboxOptions = {
  /** `<bot id>:<secret>`, as BotFather issues them; the bot's user id is the part before the colon. */
  readonly token: string;
  readonly botUsername?: string;
  readonly botName?: string;
  readonly clock?: () => Date;
  /** Added to every Bot API call. */
  readonly latencyMs?: number;
  readonly firstUpdateId?: number;
  readonly webhookRetry?: Partial<WebhookRetryPolicy>;
  /** How webhook updates are posted; defaults to the global fetch. */
  readonly fetch?: FetchLike;
  /** Caps on logs and queues (oldest dropped first); DEFAULT_TELEGRAM_SANDBOX_LIMITS otherwise. */
  readonly limits?: Partial<TelegramSandboxLimits>;
  /**
   * Keeps the world in this file between runs (world-persistence.ts): a sandbox created on an
   * existing file continues its world, update ids included. Without one the world lives in memory.
   */
  readonly stateFile?: string;
  /** How long changes wait to be written together (default 100 ms). */
  readonly saveDelayMs?: number;
};

export type TelegramSandbox = {
  readonly app: Hono;
  listen(port?: number, hostname?: string): Promise<{ readonly url: string; close(): Promise<void> }>;
  readonly control: TelegramSandboxControl;
  /** The simulated world itself, for assertions the inspection helpers do not cover. Do not mutate. */
  readonly state: SandboxWorld;
  readonly botId: number;
  /** Calls a method in-process, exactly as over HTTP (faults, latency, call log). */
  call(method: string, params?: Params): Promise<{ status: number; body: unknown }>;
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Ends pending long polls and webhook retries, and writes the world to its file (listen's close does this too). */
  stop(): void;
};

const TOKEN = /^(\d{1,15}):[A-Za-z0-9_-]{1,100}$/;

const closeServer = (server: ServerType) =>
  new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeAllConnections' in server) server.closeAllConnections();
  });

export const createTelegramSandbox = (options: TelegramSandboxOptions): TelegramSandbox => {
  const match = TOKEN.exec(options.token);
  if (match === null) throw new PayGateError('validation', 'a bot token looks like <digits>:<letters, digits, _ or ->');
  const limits: TelegramSandboxLimits = { ...DEFAULT_TELEGRAM_SANDBOX_LIMITS, ...options.limits };
  for (const [name, max] of Object.entries(limits)) {
    if (!Number.isSafeInteger(max) || max < 1) throw new PayGateError('validation', `Telegram sandbox limit ${name} must be a positive integer`);
  }
  const clock = options.clock ?? (() => new Date());
  const now = () => Math.floor(clock().getTime() / 1000);
  const botId = Number(match[1]);
  const restored = options.stateFile === undefined ? undefined : restoreWorld(options.stateFile, botId, now);
  const world =
    restored?.world ??
    createWorld({ botId, botUsername: options.botUsername ?? 'paygate_sandbox_bot', botName: options.botName ?? 'PayGate Sandbox', now });
  // A new world kept in a file starts its update ids at a random point, as Telegram does after a
  // week without updates: should the file be lost while the bot's ledger is kept, the new ids
  // almost surely miss the ones it remembers.
  const firstUpdateId = restored?.nextUpdateId ?? options.firstUpdateId ?? (options.stateFile === undefined ? 1 : randomInt(1, 2 ** 30));
  let persistence: WorldPersistence | undefined;
  const queue = createUpdateQueue(firstUpdateId, limits.pendingUpdates, {
    ...(restored ? { pending: restored.pending, allowed: restored.allowed } : {}),
    beforeIssue: (updateId) => persistence?.beforeIssue(updateId),
  });
  if (options.stateFile !== undefined) {
    persistence = createWorldPersistence({
      file: options.stateFile,
      snapshot: (nextUpdateId) => snapshotWorld(world, queue, nextUpdateId),
      nextUpdateId: () => queue.nextUpdateId(),
      reservedUpTo: firstUpdateId,
      ...(options.saveDelayMs === undefined ? {} : { saveDelayMs: options.saveDelayMs }),
    });
    queue.onPush(() => persistence?.changed());
  }
  const faults = createFaults();
  let dispatch: (method: string, params: Params) => Promise<unknown> = async () => undefined;
  const webhook = createWebhook({
    queue,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    retry: { ...DEFAULT_WEBHOOK_RETRY, ...options.webhookRetry },
    now,
    clock,
    replyMethod: async (method, params) => void (await dispatch(method, params)),
    maxDeliveries: limits.webhookDeliveries,
  });
  const core: SandboxCore = { world, queue, webhook, clock, limits };
  const dispatcher = persistingDispatcher(createDispatcher(core, faults, options.latencyMs ?? 0), () => persistence?.changed());
  dispatch = (method, params) => dispatcher.dispatch(method, params);
  const inspection = createInspection(core, dispatcher.callLog);
  const control = persistingControl(createControl(core, faults, inspection), inspection, () => persistence?.changed());

  const app = new Hono();
  app.route('/', createControlRoutes(control));
  app.route('/', createApiRoutes(options.token, dispatcher));

  const stop = () => {
    webhook.stop();
    queue.close();
    persistence?.flush();
  };

  const listen = (port = 0, hostname = '127.0.0.1') =>
    new Promise<{ url: string; close(): Promise<void> }>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
        resolve({
          url: `http://${hostname}:${info.port}`,
          close: async () => {
            stop();
            await closeServer(server);
          },
        });
      });
      server.once('error', reject);
    });

  return {
    app,
    listen,
    control,
    state: world,
    botId,
    call: (method, params = {}) => dispatcher.dispatch(method, params),
    webhookDeliveries: webhook.deliveries,
    stop,
  };
};
