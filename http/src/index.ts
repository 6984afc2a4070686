// What every PayGate HTTP endpoint shares, read side (read-api) and write side (webhooks) alike.
export * from './problem.ts';
export * from './error-handler.ts';
export * from './http-logger.ts';
export * from './trace-context.ts';
export * from './not-found.ts';
export * from './rate-limit.ts';
