import { sql } from 'kysely';
import type { InvoicesDb } from '../invoices/invoices-tables.ts';
import { isoTime } from '../read-models/columns.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { PaymentsDb } from './payments-tables.ts';

/** Statuses after which NOWPayments still has something to say (a later status, or the IPN of it). */
export const WAITING_PAYMENT_STATUSES = ['waiting', 'confirming', 'confirmed', 'sending', 'partially_paid'] as const;

type Window = { since: Date; until: Date; limit: number; after?: { at: string; id: string } };

/**
 * The lost-IPN reconciler's source (commands' ReconcileSource): payments whose last status is
 * not final and moved in [since, until), oldest first; linked invoices created in [since, until)
 * on which no payment was ever reported. `after` (time, id) continues past a previous page (the
 * reconciler rotates through them). Both only narrow the search: what gets recorded is decided
 * on the payment's stream.
 */
export const createReconcileSource = (db: AnyKysely, schema: string) => ({
  async stalePayments({ since, until, limit, after }: Window) {
    const rows = await scopedTo<PaymentsDb>(db, schema)
      .selectFrom('payments')
      .select(['payment_id', 'status', 'updated_at'])
      .where('status', 'in', [...WAITING_PAYMENT_STATUSES])
      .where('updated_at', '>=', since)
      .where('updated_at', '<', until)
      .$if(after !== undefined, (query) => query.where(sql<boolean>`(updated_at, payment_id) > (${after!.at}::timestamptz, ${after!.id})`))
      .orderBy('updated_at')
      .orderBy('payment_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ paymentId: row.payment_id, status: row.status, updatedAt: isoTime(row.updated_at) }));
  },
  async silentInvoices({ since, until, limit, after }: Window) {
    const rows = await scopedTo<InvoicesDb>(db, schema)
      .selectFrom('invoices')
      .select(['invoice_id', 'provider_invoice_id', 'created_at'])
      .where('provider_invoice_id', 'is not', null)
      .where(sql<boolean>`cardinality(payment_ids) = 0`)
      .where('created_at', '>=', since)
      .where('created_at', '<', until)
      .$if(after !== undefined, (query) => query.where(sql<boolean>`(created_at, invoice_id) > (${after!.at}::timestamptz, ${after!.id})`))
      .orderBy('created_at')
      .orderBy('invoice_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ invoiceId: row.invoice_id, providerInvoiceId: row.provider_invoice_id!, createdAt: isoTime(row.created_at) }));
  },
});
