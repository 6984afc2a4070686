// NOWPayments IPNs → payment, unmatched-payment and refused-payment streams (deciders in domain); operators' decisions on held payments.
export * from './ipn-event-id.ts';
export * from './record-ipn.ts';
export * from './review-held-payment.ts';
export * from './payment-exceptions.ts';
