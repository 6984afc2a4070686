// Read model: one row per NOWPayments payment, with its status and amounts.
export * from './payments-tables.ts';
export * from './payments-projection.ts';
export * from './payment-view.ts';
export * from './payment-queries.ts';
export * from './reconcile-queries.ts';
