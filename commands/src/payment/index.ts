// NOWPayments IPNs → payment, unmatched-payment and refused-payment streams.
export * from './ipn-event-id.ts';
export * from './refused-payment-notice.ts';
export * from './record-ipn.ts';
