export * from './errors/index.ts';
export * from './event-store/index.ts';
export * from './broker/index.ts';
export * from './decider/index.ts';
export * from './money/index.ts';
export * from './channel/index.ts';
export * from './invoice/index.ts';
export * from './payment/index.ts';
