// Inbound webhooks: NOWPayments IPNs (`POST /webhooks/nowpayments`).
export * from './ipn-notice.ts';
export * from './read-limited-body.ts';
export * from './nowpayments-webhook.ts';
