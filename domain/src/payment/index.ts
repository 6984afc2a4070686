// Payment: NOWPayments IPNs per payment (stream `payment-<paymentId>`), and the ones matching no invoice.
export * from './payment-status.ts';
export * from './payment-notice.ts';
export * from './ipn-notice.ts';
export * from './payment-events.ts';
export * from './payment-commands.ts';
export * from './payment-state.ts';
export * from './payment-outcome.ts';
export * from './underpayment-guard.ts';
export * from './held-payment-review.ts';
export * from './payment-decider.ts';
export * from './unmatched-payment-events.ts';
export * from './unmatched-payment-decider.ts';
