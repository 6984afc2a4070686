import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import type pg from 'pg';
import type { EventStore } from '@paygate/domain';
import type { AnyKysely } from '@paygate/projections';
import { ACCESS_COOKIE } from '@paygate/read-api';
import { loadConfig } from '../../infra/src/config/index.ts';
import { createDashboardSetup, newSigningKeyPem, type DashboardSetup } from '../../infra/src/dashboard/index.ts';
import { createHttpApp, type HttpApp } from '../../infra/src/http/index.ts';
import { createLogger, type Logger } from '../../infra/src/logging/index.ts';
import { createPlatformRateLimits, type PlatformRateLimits } from '../../infra/src/rate-limit/index.ts';
import { createPublicAddress } from '../../infra/src/runtime/public-address.ts';
import { readApiRoutes } from '../../infra/src/runtime/roles/read-api-routes.ts';

export const ORIGIN = 'https://paygate.bench.example';

export type CapturedQuery = { sql: string; parameters: readonly unknown[] };
export type Caller = { ownerId: string; cookie: string; bearer: string };

export type BenchReadSide = {
  /** The api role's app: request log, security headers, limits, read API and dashboard, as `paygate start` mounts them. */
  app: HttpApp;
  /** One request through the same routes over a Kysely that records its statements (for EXPLAIN). */
  queriesOf(url: string, init: RequestInit): Promise<CapturedQuery[]>;
  login(ownerId: string): Promise<Caller>;
  limits: PlatformRateLimits;
  logLines(): { total: number; problems: number };
};

/**
 * The read side of `paygate start --roles api` in this process, built from a config as PayGate
 * builds it: a signing key in DASHBOARD_SIGNING_KEY, sessions as events in the PostgreSQL event
 * store, rate limits in PostgreSQL (RATE_LIMIT_API_PER_MINUTE at its maximum so none refuses),
 * every log line serialized (into a counter, not a terminal).
 */
export const startBenchReadSide = async (deps: { pool: pg.Pool; eventStore: EventStore; logLevel: string; dataDir: string }): Promise<BenchReadSide> => {
  const config = loadConfig({
    PAYGATE_PUBLIC_URL: ORIGIN,
    PAYGATE_DATA_DIR: deps.dataDir,
    DASHBOARD_SIGNING_KEY: newSigningKeyPem(),
    RATE_LIMIT_API_PER_MINUTE: '1000000',
    LOG_LEVEL: deps.logLevel,
  });
  let total = 0;
  let problems = 0;
  const logger: Logger = createLogger({
    level: config.logLevel,
    destination: {
      write: (line: string) => {
        total += 1;
        if (/"level":[4-6]0/.test(line)) problems += 1;
      },
    },
  });
  const clock = () => new Date();
  const dashboard: DashboardSetup = createDashboardSetup({ config, eventStore: deps.eventStore, clock, address: createPublicAddress(config), logger });
  await dashboard.prepare();
  const limits = createPlatformRateLimits({ pool: deps.pool, logger, limits: config.rateLimits });
  const build = (readModels: AnyKysely) =>
    createHttpApp({
      logger,
      readiness: [],
      https: true,
      routes: readApiRoutes({ readModels, operatorKey: undefined, dashboard, config, logger, limits: limits.readApi }),
    });
  const app = build(new Kysely({ dialect: new PostgresDialect({ pool: deps.pool }) }));
  let captured: CapturedQuery[] | undefined;
  const onLog = (event: LogEvent) => {
    if (event.level === 'query') captured?.push({ sql: event.query.sql, parameters: event.query.parameters });
  };
  const capturing = build(new Kysely({ dialect: new PostgresDialect({ pool: deps.pool }), log: onLog }));

  const login = async (ownerId: string): Promise<Caller> => {
    const { url } = await dashboard.issueLoginUrl(ownerId);
    const token = new URL(url).searchParams.get('token')!;
    const form = await app.request(`${ORIGIN}/dashboard/login?token=${encodeURIComponent(token)}`);
    const csrf = cookiesOf(form).get('__Host-paygate-csrf')!;
    const done = await app.request(`${ORIGIN}/dashboard/login`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: `__Host-paygate-csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, token }).toString(),
    });
    const cookies = cookiesOf(done);
    if (done.status !== 303 || !cookies.has(ACCESS_COOKIE)) throw new Error(`login of ${ownerId} failed: ${done.status} ${await done.text()}`);
    return { ownerId, cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '), bearer: `Bearer ${cookies.get(ACCESS_COOKIE)!}` };
  };

  return {
    app,
    async queriesOf(url, init) {
      const queries: CapturedQuery[] = [];
      captured = queries;
      try {
        const response = await capturing.request(url, init);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      } finally {
        captured = undefined;
      }
      return queries;
    },
    login,
    limits,
    logLines: () => ({ total, problems }),
  };
};

const cookiesOf = (response: Response): Map<string, string> =>
  new Map(
    response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0]!.split('='))
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([name, ...rest]) => [name!, rest.join('=')]),
  );
