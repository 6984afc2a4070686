import type { Money } from '@paygate/domain';
import { isoTime, moneyFromColumns, optionalIsoTime } from '../read-models/columns.ts';
import { ownedChannelCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { InvoicesDb } from './invoices-tables.ts';

export type InvoiceView = {
  invoiceId: string;
  channelId: string;
  tierId: string;
  /** A donation invoice has the donation tier id, the donor as subscriberId, its amount as price and durationDays 0. */
  purpose: 'subscription' | 'donation';
  /** Null for an anonymous donation: the donor did not allow their name, so their id is not shown either. */
  subscriberId: string | null;
  price: Money;
  durationDays: number;
  createdAt: string;
  /** The NOWPayments invoice, once linked. */
  provider: { invoiceId: string; url: string; linkedAt: string } | null;
  /** Null before the first IPN; see invoicesProjection for which payment it follows. */
  paymentStatus: string | null;
  paymentIds: string[];
  paid: boolean;
  paidPaymentId: string | null;
  paidAt: string | null;
  updatedAt: string;
};

/** The invoice, or undefined when there is none (or, with an owner's scope, when its channel is not theirs). */
export const findInvoice = async (db: AnyKysely, schema: string, invoiceId: string, scope: OwnerScope = {}): Promise<InvoiceView | undefined> => {
  const row = await scopedTo<InvoicesDb>(db, schema)
    .selectFrom('invoices')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where(ownedChannelCondition(schema, scope))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    invoiceId: row.invoice_id,
    channelId: row.channel_id,
    tierId: row.tier_id,
    purpose: row.purpose === 'donation' ? 'donation' : 'subscription',
    subscriberId: row.subscriber_hidden ? null : row.subscriber_id,
    price: moneyFromColumns(row.price_amount, row.price_currency, row.price_decimals),
    durationDays: row.duration_days,
    createdAt: isoTime(row.created_at),
    provider:
      row.provider_invoice_id !== null && row.invoice_url !== null && row.linked_at !== null
        ? { invoiceId: row.provider_invoice_id, url: row.invoice_url, linkedAt: isoTime(row.linked_at) }
        : null,
    paymentStatus: row.payment_status,
    paymentIds: row.payment_ids,
    paid: row.paid_payment_id !== null,
    paidPaymentId: row.paid_payment_id,
    paidAt: optionalIsoTime(row.paid_at),
    updatedAt: isoTime(row.updated_at),
  };
};

/** The subscriber's newest invoice that no payment has paid yet (what they would pay next), if any. */
export const findOpenInvoiceOf = async (db: AnyKysely, schema: string, subscriberId: string): Promise<string | undefined> => {
  const row = await scopedTo<InvoicesDb>(db, schema)
    .selectFrom('invoices')
    .select('invoice_id')
    .where('subscriber_id', '=', subscriberId)
    .where('paid_payment_id', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('invoice_id', 'desc')
    .executeTakeFirst();
  return row?.invoice_id;
};
