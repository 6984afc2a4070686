export * from './auth/index.ts';
export * from './api/index.ts';
