import { type AuthLockout } from '@paygate/read-api';
import type { HttpLogger } from '@paygate/http';
import type { PayGateMetrics } from './paygate-metrics.ts';
export type ApiMetricsOptions = {
    metrics: PayGateMetrics;
    /** Set: /metrics is served on METRICS_PORT instead, and the api port serves none. */
    metricsPort: number | undefined;
    operatorKey: string | undefined;
    logger: HttpLogger;
    lockout?: AuthLockout;
};
/** What the api role's HTTP app does with metrics: count IPNs, and serve /metrics behind the operator key unless METRICS_PORT is set. */
export declare const apiMetrics: ({ metrics, metricsPort, operatorKey, logger, lockout }: ApiMetricsOptions) => {
    auth?: import("hono").MiddlewareHandler<import("@paygate/http").HttpEnv> | undefined;
    registry: PayGateMetrics;
    ipnPath: string;
};
