export * from './http/index.ts';
export * from './webhooks/index.ts';
