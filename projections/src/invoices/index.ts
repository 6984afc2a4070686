// Read model: invoices with their price, NOWPayments link, payments and current payment status.
export * from './invoices-tables.ts';
export * from './invoices-projection.ts';
export * from './invoice-queries.ts';
