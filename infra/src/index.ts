export * from './relay/index.ts';
export * from './broker/index.ts';
export * from './event-store/index.ts';
export * from './postgres/index.ts';
