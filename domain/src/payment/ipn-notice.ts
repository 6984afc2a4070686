import type { PaymentNotice } from './payment-notice.ts';

/**
 * A verified IPN as the NOWPayments gateway maps it, before the write side stamps when it was
 * received: the one shape between the webhook and `recordIpn`.
 */
export type IpnNotice = Omit<PaymentNotice, 'receivedAt'>;
