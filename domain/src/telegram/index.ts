export * from './telegram-gateway.ts';
