import { isPayGateError, PayGateError } from '@paygate/domain';
import type { InvoicePort } from '../deps.ts';
import type { RateDecision } from './rate-limiter.ts';

/** A budget shared by every bot process (infra keeps the count in PostgreSQL). */
export type SharedRateLimiter = { take(key: string): Promise<RateDecision> };

/** The one key of the cap: it counts every user's invoices together. */
export const INVOICE_CAP_KEY = 'all';
const SCOPE = 'all-users';

/**
 * Caps invoice creation for all users and processes together, on top of each user's own limit:
 * each invoice is a NOWPayments call, and the account's quota is shared. Over the cap, a
 * `rate_limited` error with `retryAfterSeconds` and `scope: 'all-users'`.
 */
export const capInvoiceCreation = (limiter: SharedRateLimiter, invoices: InvoicePort): InvoicePort => ({
  ...invoices,
  async createInvoice(input) {
    const decision = await limiter.take(INVOICE_CAP_KEY);
    if (!decision.allowed) {
      throw new PayGateError('rate_limited', 'invoice creation is at its limit for all users', {
        retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
        scope: SCOPE,
      });
    }
    return invoices.createInvoice(input);
  },
});

/** The cap's refusal (not the user's own doing), with how long to wait. */
export const invoiceCapWait = (error: unknown): number | undefined =>
  isPayGateError(error) && error.kind === 'rate_limited' && error.details.scope === SCOPE ? Number(error.details.retryAfterSeconds) : undefined;
