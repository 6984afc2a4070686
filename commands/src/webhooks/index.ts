// Inbound webhooks that issue commands: NOWPayments IPNs (`POST /webhooks/nowpayments`) → recordIpn.
export { createNowPaymentsWebhook, type NowPaymentsWebhookOptions } from './nowpayments-webhook.ts';
