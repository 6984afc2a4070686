import { PayGateError } from '@paygate/domain';
import type { DonationPort } from '../deps.ts';
import { INVOICE_CAP_KEY, type SharedRateLimiter } from '../rate-limit/index.ts';

/**
 * Donation invoices count against the same cap for all users as subscription invoices (each is
 * a NOWPayments call on the one account): over it, the same `rate_limited` error, which the
 * donor flow answers like a purchase (invoicesBusy).
 */
export const capDonationInvoiceCreation = (limiter: SharedRateLimiter, donations: DonationPort): DonationPort => ({
  ...donations,
  async createDonationInvoice(input) {
    const decision = await limiter.take(INVOICE_CAP_KEY);
    if (!decision.allowed) {
      throw new PayGateError('rate_limited', 'invoice creation is at its limit for all users', {
        retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
        scope: 'all-users',
      });
    }
    return donations.createDonationInvoice(input);
  },
});
