export * from './ids/index.ts';
export * from './command-handler/index.ts';
export * from './process-manager/index.ts';
