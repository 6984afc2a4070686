// Read model: every payout to an owner's wallet, with its status and transactions.
export * from './payouts-tables.ts';
export * from './payout-view.ts';
export * from './payouts-projection.ts';
export * from './payout-queries.ts';
