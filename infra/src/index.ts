export * from './relay/index.ts';
export * from './broker/index.ts';
