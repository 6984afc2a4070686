import { DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
import { createReadApi } from '@paygate/read-api';
import type { HttpApp } from '../../http/index.ts';
import { rateLimitsFor } from '../../rate-limit/index.ts';
import type { Platform } from '../platform.ts';
import { readModelDb } from '../read-model-db.ts';

/** `/api/v1/…`: invoices, payments, channels from the read models, behind the operator key and its limits. */
export const mountReadApi = (app: HttpApp, platform: Platform): void => {
  app.route(
    '/',
    createReadApi({
      db: readModelDb(platform),
      schema: DEFAULT_READ_MODEL_SCHEMA,
      operatorKey: platform.config.operatorKey,
      logger: platform.logger.child({ route: 'read-api' }),
      limits: rateLimitsFor(platform).readApi,
    }),
  );
};
