export * from './broker.ts';
export * from './event-envelope.ts';
export * from './dead-letter-events.ts';
