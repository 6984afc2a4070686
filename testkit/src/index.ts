export * from './postgres.ts';
export * from './nats.ts';
export * from './wait.ts';
export * from './memory-logger.ts';
export * from './in-memory-event-store/index.ts';
export * from './command-spec/index.ts';
export * from './test-clock.ts';
