// Read model: the fee split of each received payment.
export * from './splits-tables.ts';
export * from './splits-projection.ts';
export * from './split-queries.ts';
