import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AnyKysely } from '@paygate/projections';
import { authenticateCaller, operatorAuth, type AuthLockout, type CallerEnv, type DashboardAuth } from '../auth/index.ts';
import { clientAddress, createErrorHandler, createNotFoundHandler, rateLimit, type HttpEnv, type HttpLogger, type RateLimiter } from '@paygate/http';
import { registerAuthRoutes, registerJwksRoutes } from './auth-routes.ts';
import { registerCallerRoutes } from './caller-routes.ts';
import { registerChannelRoutes } from './channel-routes.ts';
import { registerInvoiceRoutes } from './invoice-routes.ts';
import { registerOpenApiRoute } from './openapi-route.ts';
import { registerPaymentRoutes, type TrailReader } from './payment-routes.ts';
import { registerPayoutRoutes } from './payout-routes.ts';
import { registerReportRoutes } from './report-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';

/** The read API's limits; each is shared by every process that serves it. */
export type ReadApiLimits = {
  /** Requests per caller address, before authentication. */
  perAddress: RateLimiter;
  /** Requests per authenticated caller (the operator key, or an owner). */
  perKey: RateLimiter;
  /** Wrong operator keys per caller address. */
  lockout: AuthLockout;
};

export type ReadApiOptions = {
  /** Kysely over the database the projections write. */
  db: AnyKysely;
  /** The schema the read-model projections run in. */
  schema: string;
  /** PAYGATE_OPERATOR_KEY; with neither it nor `auth`, the API stays closed (503). */
  operatorKey: string | undefined;
  /** Dashboard logins (owners, auditors, admins by Telegram id); undefined: operator key only. */
  auth?: DashboardAuth;
  /** DASHBOARD_ORIGINS: browser origins allowed to call the API cross-origin (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Reads an event trail for auditors (`GET /api/v1/payments/:id/events`); undefined: not served. */
  readTrail?: TrailReader;
  logger: HttpLogger;
  /** Unset: unlimited (tests of the routes). */
  limits?: ReadApiLimits;
};

const callerBudget = (c: { get(key: 'caller'): CallerEnv['Variables']['caller'] }): string => {
  const caller = c.get('caller');
  return caller.ownerId === undefined ? caller.role : `${caller.role}:${caller.ownerId}`;
};

/**
 * The read API, to mount at '/': everything under `/api/v1`, errors as application/problem+json.
 * Public: the OpenAPI document, the JWKS and the login/refresh/logout exchanges. Everything else
 * needs a caller (access token, operator key or dashboard cookie) and reads only what the caller's
 * role may see — scoped in each query, so another owner's id is simply not found.
 */
export const createReadApi = (options: ReadApiOptions): Hono<HttpEnv> => {
  const { db, schema, operatorKey, auth, corsOrigins = [], logger, limits } = options;
  const app = new Hono<HttpEnv>();
  app.onError(createErrorHandler(logger));
  app.notFound(createNotFoundHandler(app));
  if (corsOrigins.length > 0) {
    app.use(
      '/api/v1/*',
      cors({ origin: [...corsOrigins], credentials: true, allowHeaders: ['authorization', 'content-type', 'x-csrf-token'], maxAge: 600 }),
    );
  }
  app.use('/api/v1/*', async (c, next) => {
    // Owners' data: never cached by a browser or proxy, errors included.
    c.header('cache-control', 'no-store');
    await next();
  });
  if (limits) app.use('/api/v1/*', rateLimit({ limiter: limits.perAddress, key: clientAddress }));
  registerOpenApiRoute(app);
  if (auth) {
    registerJwksRoutes(app, auth);
    registerAuthRoutes(app, auth);
  }
  const secured = app as unknown as Hono<CallerEnv>;
  if (!auth && (operatorKey === undefined || operatorKey === '')) {
    app.use('/api/v1/*', operatorAuth({ operatorKey, logger }));
  } else {
    secured.use('/api/v1/*', authenticateCaller({ operatorKey, accessTokens: auth?.accessTokens, sessionActive: auth?.sessionActive, logger, lockout: limits?.lockout }));
  }
  if (limits) secured.use('/api/v1/*', rateLimit({ limiter: limits.perKey, key: callerBudget }));
  const access = { db, schema };
  registerCallerRoutes(secured, auth);
  registerInvoiceRoutes(secured, access);
  registerPaymentRoutes(secured, access, options.readTrail);
  registerChannelRoutes(secured, access);
  registerPayoutRoutes(secured, access);
  registerReportRoutes(secured, access);
  registerSessionRoutes(secured, access);
  return app;
};
