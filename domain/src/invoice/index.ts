// Invoice: one purchase of a tier, linked to its NOWPayments invoice (stream `invoice-<invoiceId>`).
export * from './invoice-events.ts';
export * from './invoice-commands.ts';
export * from './invoice-state.ts';
export * from './invoice-decider.ts';
