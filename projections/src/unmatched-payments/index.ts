// Read model: IPNs that matched none of our invoices, kept for an operator.
export * from './unmatched-payments-tables.ts';
export * from './unmatched-payments-projection.ts';
export * from './unmatched-payment-queries.ts';
