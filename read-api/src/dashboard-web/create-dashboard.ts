import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { isPayGateError } from '@paygate/domain';
import { clientAddress, rateLimit, statusOfKind, type HttpEnv, type HttpLogger, type RateLimiter } from '@paygate/http';
import type { AnyKysely } from '@paygate/projections';
import type { DashboardAuth } from '../auth/index.ts';
import type { TrailReader } from '../api/payment-routes.ts';
import { DASHBOARD_CSS_PATH, dashboardCss, errorPage } from '../dashboard/index.ts';
import { registerDashboardLoginRoutes } from './dashboard-login-routes.ts';
import { registerDashboardPages } from './dashboard-pages.ts';
import type { DashboardEnv } from './dashboard-session.ts';

export type DashboardOptions = {
  db: AnyKysely;
  schema: string;
  auth: DashboardAuth;
  logger: HttpLogger;
  readTrail?: TrailReader;
  explorerTxUrl?: string;
  botUsername?: string;
  /** Requests per caller address (the read API's limiter); unset: unlimited. */
  perAddress?: RateLimiter;
  /** The public origin (PAYGATE_PUBLIC_URL); forms may post from it or from the origin the request was made to. */
  origin: string;
};

const TITLES: Readonly<Record<number, string>> = { 400: 'Invalid request', 401: 'Log in again', 403: 'Not allowed', 404: 'Not found', 429: 'Slow down', 503: 'Unavailable' };

/** Errors on pages are pages, not JSON: the same kinds, statuses and details as the API's problems. */
const pageError = (logger: HttpLogger) => (error: Error, c: Context<DashboardEnv>) => {
  const status = isPayGateError(error) ? statusOfKind(error.kind) : error instanceof HTTPException ? error.status : 500;
  if (status >= 500) (c.get('logger') ?? logger).error({ err: error }, 'dashboard page failed');
  const detail =
    status >= 500 ? 'Something went wrong on our side; try again in a moment.' : isPayGateError(error) ? error.message : 'This form came from another site; open the dashboard and try again.';
  c.header('cache-control', 'no-store');
  return c.html(errorPage({ status, title: TITLES[status] ?? 'Error', detail }), status as 400);
};

/**
 * The owners' dashboard at `/dashboard`: server-rendered pages behind the session cookies, forms
 * protected by the origin check and the double-submit token, one hashed stylesheet, no script.
 */
export const createDashboard = (options: DashboardOptions): Hono<HttpEnv> => {
  const app = new Hono<DashboardEnv>();
  app.onError(pageError(options.logger));
  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }));
  app.get(DASHBOARD_CSS_PATH, (c) => c.body(dashboardCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' }));
  app.use('/dashboard/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });
  app.use('/dashboard', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });
  if (options.perAddress) {
    app.use('/dashboard', rateLimit({ limiter: options.perAddress, key: clientAddress }));
    app.use('/dashboard/*', rateLimit({ limiter: options.perAddress, key: clientAddress }));
  }
  // Same-origin forms only: a browser always sends Origin on a cross-site POST, and it will not match.
  app.use('/dashboard/*', csrf({ origin: (origin, c) => origin === options.origin || origin === new URL(c.req.url).origin }));
  const session = registerDashboardLoginRoutes(app, options.auth, options.botUsername);
  app.use('/dashboard', session);
  app.use('/dashboard/*', session);
  registerDashboardPages(app, { db: options.db, schema: options.schema, ...(options.readTrail ? { readTrail: options.readTrail } : {}), ...(options.explorerTxUrl ? { explorerTxUrl: options.explorerTxUrl } : {}) });
  return app as unknown as Hono<HttpEnv>;
};
