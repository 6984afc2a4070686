export * from './errors/index.ts';
export * from './event-store/index.ts';
export * from './broker/index.ts';
