import { DEFAULT_READ_MODEL_SCHEMA, type AnyKysely } from '@paygate/projections';
import { createDashboard, createReadApi, type TrailReader } from '@paygate/read-api';
import type { Config } from '../../config/index.ts';
import type { DashboardSetup } from '../../dashboard/index.ts';
import type { Logger } from '../../logging/index.ts';
import type { PlatformRateLimits } from '../../rate-limit/index.ts';
import type { ApiRoutes } from './api-role.ts';

export type ReadApiRoutesDeps = {
  readModels: AnyKysely;
  /** PAYGATE_OPERATOR_KEY; unset: only dashboard access tokens are accepted (or, without those, nothing). */
  operatorKey: string | undefined;
  /**
   * Logins, sessions and keys; `prepare()` has run when the routes mount (the api role's start).
   * Unset: the operator key only, no dashboard (tests of the limits).
   */
  dashboard?: DashboardSetup;
  readTrail?: TrailReader;
  config?: Pick<Config, 'publicUrl' | 'dashboard' | 'payouts'>;
  botUsername?: string | undefined;
  logger: Logger;
  limits: PlatformRateLimits['readApi'];
};

/**
 * `/api/v1/…` (invoices, payments, channels, subscribers, revenue, payouts, exports, logins) and
 * `/dashboard` (pages) from the read models, each caller scoped to what its role may read.
 */
export const readApiRoutes =
  ({ readModels, operatorKey, dashboard, readTrail, config, botUsername, logger, limits }: ReadApiRoutesDeps): ApiRoutes =>
  (app) => {
    const auth = dashboard?.auth();
    const schema = DEFAULT_READ_MODEL_SCHEMA;
    const apiLogger = logger.child({ route: 'read-api' });
    app.route(
      '/',
      createReadApi({ db: readModels, schema, operatorKey, logger: apiLogger, limits, corsOrigins: config?.dashboard.origins ?? [], ...(readTrail ? { readTrail } : {}), ...(auth ? { auth } : {}) }),
    );
    if (!auth || !config) return;
    app.route(
      '/',
      createDashboard({
        db: readModels,
        schema,
        auth,
        logger: logger.child({ route: 'dashboard' }),
        ...(readTrail ? { readTrail } : {}),
        origin: new URL(config.publicUrl).origin,
        perAddress: limits.perAddress,
        ...(config.payouts.explorerTxUrl ? { explorerTxUrl: config.payouts.explorerTxUrl } : {}),
        ...(botUsername ? { botUsername } : {}),
      }),
    );
  };
