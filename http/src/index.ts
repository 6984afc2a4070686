export * from './problem.ts';
export * from './error-handler.ts';
export * from './http-logger.ts';
export * from './trace-context.ts';
export * from './not-found.ts';
export * from './rate-limit.ts';
