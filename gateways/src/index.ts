export * from './nowpayments/index.ts';
export * from './telegram/index.ts';
