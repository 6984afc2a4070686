// The read API: invoices, payments and channels for operators (hono + valibot, problem+json errors).
export * from './create-read-api.ts';
export * from './cursor.ts';
export * from './params.ts';
export * from './money-json.ts';
export * from './presenters.ts';
export * from './read-model-access.ts';
export * from './read-model-errors.ts';
