import type { EventMetadata } from '@paygate/domain';
import type { RecordIpn } from '../payment/record-ipn.ts';
import { createReconcileCursor } from './reconcile-cursor.ts';
import type { PaymentStatusSource, ReconcileSource, SilentInvoice, StalePayment } from './reconcile-ports.ts';

export type ReconcileLogger = { warn(object: Record<string, unknown>, message: string): void; info?(object: Record<string, unknown>, message: string): void };

export type IpnReconcilerDeps = {
  recordIpn: RecordIpn;
  source: ReconcileSource;
  nowPayments: PaymentStatusSource;
  /** IPN_RECONCILE_AFTER_MINUTES: how long a payment or invoice may wait for an IPN before NOWPayments is asked. */
  afterMinutes: number;
  /** How far back to look (default 7 days: NOWPayments expires unpaid payments long before). */
  maxAgeMinutes?: number;
  /** Payments and invoices asked about per run, each (default 100). */
  limit?: number;
  logger?: ReconcileLogger;
};

export type ReconcileSummary = {
  /** Payments and invoices asked about. */
  asked: number;
  /** Notices that moved a payment (or recorded an unmatched or refused one): an IPN had been lost. */
  recorded: number;
  /** Notices that changed nothing: NOWPayments says what the log already says (or a refusal recorded before). */
  unchanged: number;
  failed: number;
  /** Invoices skipped because this NOWPayments API cannot list an invoice's payments. */
  unlistable: number;
};

/** Marks events the reconciler caused, for the audit trail (the events themselves are those an IPN would cause). */
export const RECONCILER_METADATA: EventMetadata = { source: 'nowpayments-reconciler' };

/**
 * Asks NOWPayments about payments and invoices still waiting after `afterMinutes` and records
 * what it says through recordIpn, exactly as an IPN: the same decider, the same deterministic
 * event ids (stream, event type, status). So a real IPN arriving after the reconciler recorded
 * its status is a duplicate and changes nothing, and a reconciliation after the IPN likewise.
 * Each run takes the next `limit` payments and invoices in the source's order, wrapping around
 * (reconcile-cursor.ts), so rows that never move cannot starve the others.
 */
export const createIpnReconciler = (deps: IpnReconcilerDeps) => {
  if (!Number.isInteger(deps.afterMinutes) || deps.afterMinutes < 1) throw new Error('afterMinutes must be a positive integer');
  const limit = deps.limit ?? 100;
  const maxAge = (deps.maxAgeMinutes ?? 7 * 24 * 60) * 60_000;
  const nextPayments = createReconcileCursor<StalePayment>((row) => ({ at: row.updatedAt, id: row.paymentId }));
  const nextInvoices = createReconcileCursor<SilentInvoice>((row) => ({ at: row.createdAt, id: row.invoiceId }));

  return {
    async reconcile(now: Date): Promise<ReconcileSummary> {
      const summary: ReconcileSummary = { asked: 0, recorded: 0, unchanged: 0, failed: 0, unlistable: 0 };
      const window = { since: new Date(now.getTime() - maxAge), until: new Date(now.getTime() - deps.afterMinutes * 60_000), limit };
      const record = async (notices: Promise<readonly Parameters<RecordIpn>[0][]>, what: Record<string, unknown>) => {
        summary.asked += 1;
        try {
          for (const notice of await notices) {
            const outcome = await deps.recordIpn(notice, RECONCILER_METADATA);
            // A refusal already kept (the same notice refused again) appended nothing: no IPN was lost.
            if (outcome.outcome === 'duplicate' || outcome.eventTypes.length === 0) summary.unchanged += 1;
            else {
              summary.recorded += 1;
              deps.logger?.info?.({ ...what, paymentId: outcome.paymentId, status: outcome.status, outcome: outcome.outcome }, 'reconciler recorded a status whose IPN was lost');
            }
          }
        } catch (error) {
          summary.failed += 1;
          deps.logger?.warn({ ...what, err: error }, 'reconciler could not ask NOWPayments; the next run asks again');
        }
      };
      for (const payment of await nextPayments(window, (query) => deps.source.stalePayments(query))) {
        await record(deps.nowPayments.payment(payment.paymentId).then((notice) => [notice]), { paymentId: payment.paymentId });
      }
      const list = deps.nowPayments.invoicePayments;
      for (const invoice of await nextInvoices(window, (query) => deps.source.silentInvoices(query))) {
        if (!list) {
          summary.unlistable += 1;
          continue;
        }
        // Oldest first, so a payment's statuses reach the decider in the order they happened.
        await record(list(invoice.providerInvoiceId).then((notices) => [...notices].reverse()), { invoiceId: invoice.invoiceId });
      }
      return summary;
    },
  };
};

export type IpnReconciler = ReturnType<typeof createIpnReconciler>;
