export * from './event-envelope.ts';
export * from './process-manager.ts';
