// What every PayGate HTTP endpoint shares, read side (read-api) and write side (webhooks) alike.
export { createProblem, statusOfKind, toJson, type Problem } from './problem.ts';
export { createErrorHandler, problemResponse } from './error-handler.ts';
export type { HttpEnv, HttpLogger } from './http-logger.ts';
export { createNotFoundHandler, type RouteTable } from './not-found.ts';
export { clientAddress, rateLimit, rateLimitedError, UNKNOWN_CLIENT, type RateLimitDecision, type RateLimiter } from './rate-limit.ts';
