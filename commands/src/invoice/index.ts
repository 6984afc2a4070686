// Subscriber purchases: invoices and their NOWPayments payment pages (stream `invoice-<invoiceId>`).
export * from './invoice-gateway.ts';
export * from './load-invoice.ts';
export * from './invoice-commands.ts';
