export * from './client.ts';
export type { FetchLike } from './api-request.ts';
export * from './api-schemas.ts';
