// The ledger export: every money movement of a stretch of the log, tied to its events and on-chain hashes, with totals that reconcile to the ledger.
export * from './ledger-entry.ts';
export * from './ledger-entries.ts';
export * from './export-range.ts';
export * from './export-totals.ts';
export * from './export-formats.ts';
export * from './run-ledger-export.ts';
