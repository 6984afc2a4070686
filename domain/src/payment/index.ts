// Payment: NOWPayments IPNs per payment (stream `payment-<paymentId>`), the ones matching no invoice,
// and the genuine ones the payment decider refused (stream `refused-payment-<paymentId>`).
export * from './payment-status.ts';
export * from './payment-notice.ts';
export * from './ipn-notice.ts';
export * from './payment-events.ts';
export * from './payment-commands.ts';
export * from './payment-state.ts';
export * from './payment-outcome.ts';
export * from './payment-grant.ts';
export * from './underpayment-guard.ts';
export * from './held-payment-review.ts';
export * from './payment-exception-events.ts';
export * from './payment-exception.ts';
export * from './payment-decider.ts';
export * from './unmatched-payment-events.ts';
export * from './unmatched-payment-decider.ts';
export * from './refused-payment-events.ts';
export * from './refused-payment-decider.ts';
