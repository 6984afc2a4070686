export { createHttpApp, type CreateHttpAppOptions, type HttpApp } from './create-http-app.ts';
export { startHttpServer, type RunningHttpServer, type StartHttpServerOptions } from './start-http-server.ts';
export { runReadinessChecks, type ReadinessCheck, type ReadinessReport, type CheckOutcome } from './readiness.ts';
export { bodyLimits, DEFAULT_MAX_BODY_BYTES, type BodyLimits } from './body-limits.ts';
export { resolveClientAddress, type ClientAddressOptions } from './client-address.ts';
export { securityHeaders, SANDBOX_CHECKOUT_STYLE_HASH } from './security-headers.ts';
export type { AppEnv } from './app-env.ts';
