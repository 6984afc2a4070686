// Read model: each channel owner's earnings, fees, pending and paid-out amounts, per currency.
export * from './balances-tables.ts';
export * from './balances-projection.ts';
export * from './balance-queries.ts';
