export * from './broker.ts';
export * from './event-envelope.ts';
