import type { IpnNotice } from '@paygate/domain';

/** A payment still waiting for its next status, as the payments read model knows it. */
export type StalePayment = { paymentId: string; status: string; updatedAt: string };
/** An invoice linked to a NOWPayments invoice on which no payment was ever reported. */
export type SilentInvoice = { invoiceId: string; providerInvoiceId: string; createdAt: string };

/** Keyset position in a source's order (the row's time, then its id): rows after it come next. */
export type ReconcileAfter = { at: string; id: string };
type ReconcileQuery = { since: Date; until: Date; limit: number; after?: ReconcileAfter };

/**
 * Where the reconciler finds work: read models indexed for it (projections implements it over
 * PostgreSQL). It only narrows the search; what is recorded is decided by the payment decider on
 * the payment's own stream, so a lagging read model costs a wasted question, never a double record.
 */
export type ReconcileSource = {
  /** Payments in a non-final status (waiting … sending, partially_paid) last moved in [since, until), by (updatedAt, paymentId), after `after`. */
  stalePayments(query: ReconcileQuery): Promise<StalePayment[]>;
  /** Linked invoices created in [since, until) with no payment reported at all, by (createdAt, invoiceId), after `after`. */
  silentInvoices(query: ReconcileQuery): Promise<SilentInvoice[]>;
};

/**
 * What NOWPayments says now, mapped exactly as an IPN would be (the same IpnNotice the webhook
 * hands to recordIpn). `invoicePayments` is absent where the API cannot list (see the client).
 */
export type PaymentStatusSource = {
  payment(paymentId: string): Promise<IpnNotice>;
  invoicePayments?: (providerInvoiceId: string) => Promise<IpnNotice[]>;
};
