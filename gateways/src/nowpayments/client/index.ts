export * from './client.ts';
export * from './order-description.ts';
export type { FetchLike } from './api-request.ts';
export * from './api-schemas.ts';
