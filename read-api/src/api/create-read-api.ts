import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { AnyKysely } from '@paygate/projections';
import { operatorAuth } from '../auth/index.ts';
import { createErrorHandler, createProblem, problemResponse, type HttpEnv, type HttpLogger } from '../http/index.ts';
import { registerChannelRoutes } from './channel-routes.ts';
import { registerInvoiceRoutes } from './invoice-routes.ts';
import { registerPaymentRoutes } from './payment-routes.ts';

export type ReadApiOptions = {
  /** Kysely over the database the projections write. */
  db: AnyKysely;
  /** The schema the read-model projections run in. */
  schema: string;
  /** PAYGATE_OPERATOR_KEY; undefined (or empty) keeps the API closed (503). */
  operatorKey: string | undefined;
  logger: HttpLogger;
};

/**
 * The read API, to mount at '/': every route is under `/api/v1`, behind the operator key, and
 * answers errors as application/problem+json through the shared error handler. Reads only.
 */
export const createReadApi = ({ db, schema, operatorKey, logger }: ReadApiOptions): Hono<HttpEnv> => {
  const app = new Hono<HttpEnv>();
  app.onError(createErrorHandler(logger));
  app.notFound((c) =>
    problemResponse(c, createProblem('not_found', { detail: `No route for ${c.req.method} ${c.req.path}`, errorId: c.get('requestId') ?? randomUUID() })),
  );
  app.use('/api/v1/*', async (c, next) => {
    // Operator data: never cached by a browser or proxy, errors included.
    c.header('cache-control', 'no-store');
    await next();
  });
  app.use('/api/v1/*', operatorAuth({ operatorKey, logger }));
  const access = { db, schema };
  registerInvoiceRoutes(app, access);
  registerPaymentRoutes(app, access);
  registerChannelRoutes(app, access);
  return app;
};
