export * from './ids/index.ts';
export * from './command-handler/index.ts';
export * from './process-manager/index.ts';
export * from './channel/index.ts';
export * from './invoice/index.ts';
export * from './payment/index.ts';
export * from './split/index.ts';
