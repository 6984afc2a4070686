export * from './nowpayments/index.ts';
