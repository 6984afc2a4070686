export * from './auth/index.ts';
export * from './api/index.ts';
export * from './dashboard-web/index.ts';
export * from './openapi/index.ts';
