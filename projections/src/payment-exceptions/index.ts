// Read model: payments an operator must look at (unmatched, mismatched, underpaid, re-deposit, paid twice, held, conflicted, refused) and their decisions.
export * from './payment-exceptions-tables.ts';
export * from './payment-exceptions-projection.ts';
export * from './payment-exception-queries.ts';
