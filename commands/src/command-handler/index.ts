export * from './handle-command.ts';
export * from './stream-cache.ts';
