/**
 * What happens to a sandbox payment after `pay`: a refund (NOWPayments' support returns the coin
 * and the payment moves to `refunded`, with an IPN like any other status) and the late delivery
 * of IPNs `pay` lost on purpose (`loseIpns`), as a real IPN arriving after a reconciliation would.
 */
import { PayGateError } from '@paygate/domain';
import type { NowPaymentsPaymentStatus } from '../ipn-payload.ts';
import { signIpnPayload } from '../ipn-signature.ts';
import { deliverIpn, type SentIpn } from './ipn-delivery.ts';
import type { LedgerConfig, SandboxLedger } from './sandbox-ledger.ts';
import { trimOldest } from './sandbox-limits.ts';

// The statuses NOWPayments refunds from (payment-status order: finished, partially_paid, failed → refunded).
const REFUNDABLE: readonly NowPaymentsPaymentStatus[] = ['finished', 'partially_paid', 'failed'];

export const createAfterPayment = (ledger: SandboxLedger, config: Pick<LedgerConfig, 'ipnSecret' | 'clock' | 'fetch' | 'retry' | 'limits'>) => {
  const paymentOf = (paymentId: number) => {
    const payment = ledger.payments.get(paymentId);
    if (!payment) throw new PayGateError('not_found', `no sandbox payment ${paymentId}`, { paymentId });
    return payment;
  };

  /** Moves the payment to refunded and posts its IPN (once; a second refund is a conflict). */
  const refund = async (paymentId: number): Promise<SentIpn | null> => {
    const payment = paymentOf(paymentId);
    const status = payment.payment_status as NowPaymentsPaymentStatus;
    if (!REFUNDABLE.includes(status)) throw new PayGateError('conflict', `payment ${paymentId} is ${status}; only ${REFUNDABLE.join(', ')} can be refunded`, { paymentId });
    const payload = { ...payment, payment_status: 'refunded', updated_at: config.clock().toISOString() };
    ledger.payments.set(paymentId, payload);
    const invoice = ledger.invoices.get(String(payment.invoice_id));
    if (!invoice?.ipnCallbackUrl) return null;
    const body = JSON.stringify(payload);
    const ipn: SentIpn = {
      invoiceId: invoice.id,
      paymentId,
      status: 'refunded',
      url: invoice.ipnCallbackUrl,
      body,
      signature: signIpnPayload(payload, config.ipnSecret),
      copy: 'original',
      late: false,
      attempts: [],
      delivered: false,
    };
    ledger.sentIpns.push(ipn);
    trimOldest(ledger.sentIpns, config.limits.sentIpns);
    return deliverIpn(ipn, config.fetch, config.retry, config.clock);
  };

  /** Posts the payment's IPNs that were never delivered, in the order they were made. */
  const deliverLate = async (paymentId: number): Promise<SentIpn[]> => {
    const lost = ledger.sentIpns.filter((ipn) => ipn.paymentId === paymentId && !ipn.delivered && ipn.attempts.length === 0);
    for (const ipn of lost) await deliverIpn(ipn, config.fetch, config.retry, config.clock);
    return lost;
  };

  return { refund, deliverLate };
};
