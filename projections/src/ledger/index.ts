// The ledger: an independent fold over the raw log that checks the books balance, and the read model with them.
export * from './ledger-types.ts';
export * from './ledger-fold.ts';
export * from './check-ledger.ts';
