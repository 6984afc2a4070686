// The read API: invoices, payments and channels for operators (hono + valibot, problem+json errors).
export * from './create-read-api.ts';
export * from './cursor.ts';
export * from './params.ts';
export * from './money-json.ts';
export * from './presenters.ts';
export * from './read-model-access.ts';
export * from './read-model-errors.ts';
export * from './report-params.ts';
export * from './report-presenters.ts';
export * from './csv-export.ts';
export { revenueRange } from './report-routes.ts';
export type { TrailEvent, TrailReader } from './payment-routes.ts';
export { RefreshRequestSchema, TokenPairSchema } from './auth-routes.ts';
