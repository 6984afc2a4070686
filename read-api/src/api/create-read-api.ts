import { Hono } from 'hono';
import type { AnyKysely } from '@paygate/projections';
import { operatorAuth, type AuthLockout } from '../auth/index.ts';
import { clientAddress, createErrorHandler, createNotFoundHandler, rateLimit, type HttpEnv, type HttpLogger, type RateLimiter } from '@paygate/http';
import { registerChannelRoutes } from './channel-routes.ts';
import { registerInvoiceRoutes } from './invoice-routes.ts';
import { registerPaymentRoutes } from './payment-routes.ts';
import { registerPayoutRoutes } from './payout-routes.ts';

/** The read API's limits; each is shared by every process that serves it. */
export type ReadApiLimits = {
  /** Requests per caller address, before authentication. */
  perAddress: RateLimiter;
  /** Requests per operator key, after authentication. */
  perKey: RateLimiter;
  /** Wrong operator keys per caller address. */
  lockout: AuthLockout;
};

export type ReadApiOptions = {
  /** Kysely over the database the projections write. */
  db: AnyKysely;
  /** The schema the read-model projections run in. */
  schema: string;
  /** PAYGATE_OPERATOR_KEY; undefined (or empty) keeps the API closed (503). */
  operatorKey: string | undefined;
  logger: HttpLogger;
  /** Unset: unlimited (tests of the routes). */
  limits?: ReadApiLimits;
};

// There is one operator key, so its budget has one name; the key itself is never stored.
const OPERATOR_KEY_BUDGET = 'operator';

/**
 * The read API, to mount at '/': every route is under `/api/v1`, behind the operator key, and
 * answers errors as application/problem+json through the shared error handler. Reads only.
 */
export const createReadApi = ({ db, schema, operatorKey, logger, limits }: ReadApiOptions): Hono<HttpEnv> => {
  const app = new Hono<HttpEnv>();
  app.onError(createErrorHandler(logger));
  app.notFound(createNotFoundHandler(app));
  app.use('/api/v1/*', async (c, next) => {
    // Operator data: never cached by a browser or proxy, errors included.
    c.header('cache-control', 'no-store');
    await next();
  });
  if (limits) app.use('/api/v1/*', rateLimit({ limiter: limits.perAddress, key: clientAddress }));
  app.use('/api/v1/*', operatorAuth({ operatorKey, logger, lockout: limits?.lockout }));
  if (limits) app.use('/api/v1/*', rateLimit({ limiter: limits.perKey, key: () => OPERATOR_KEY_BUDGET }));
  const access = { db, schema };
  registerInvoiceRoutes(app, access);
  registerPaymentRoutes(app, access);
  registerChannelRoutes(app, access);
  registerPayoutRoutes(app, access);
  return app;
};
