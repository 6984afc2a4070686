export * from './runner/index.ts';
export * from './read-models/index.ts';
export * from './channels/index.ts';
export * from './invoices/index.ts';
export * from './payments/index.ts';
export * from './splits/index.ts';
export * from './unmatched-payments/index.ts';
export * from './subscriptions/index.ts';
