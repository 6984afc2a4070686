import { DEFAULT_READ_MODEL_SCHEMA, type AnyKysely } from '@paygate/projections';
import { createReadApi } from '@paygate/read-api';
import type { Logger } from '../../logging/index.ts';
import type { PlatformRateLimits } from '../../rate-limit/index.ts';
import type { ApiRoutes } from './api-role.ts';

export type ReadApiRoutesDeps = {
  readModels: AnyKysely;
  /** PAYGATE_OPERATOR_KEY; unset: every /api/v1 request is refused. */
  operatorKey: string | undefined;
  logger: Logger;
  limits: PlatformRateLimits['readApi'];
};

/** `/api/v1/…`: invoices, payments, channels from the read models, behind the operator key and its limits. */
export const readApiRoutes =
  ({ readModels, operatorKey, logger, limits }: ReadApiRoutesDeps): ApiRoutes =>
  (app) => {
    app.route('/', createReadApi({ db: readModels, schema: DEFAULT_READ_MODEL_SCHEMA, operatorKey, logger: logger.child({ route: 'read-api' }), limits }));
  };
