export * from './nowpayments/index.ts';
export * from './telegram/index.ts';
export * from './changenow/index.ts';
export * from './ethereum/index.ts';
