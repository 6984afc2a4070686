import type { ColumnType } from 'kysely';
import type { NullableTimestampColumn, NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

export type InvoicesTable = {
  invoice_id: string;
  channel_id: string;
  tier_id: string;
  subscriber_id: string;
  /** subscription (InvoiceCreated) | donation (DonationInvoiceCreated). */
  purpose: string;
  /** An anonymous donation: the donor's id is kept for the subscriber index but never shown (InvoiceView.subscriberId is null). */
  subscriber_hidden: boolean;
  /** The price copied from the tier when the invoice was created (USD cents). */
  price_amount: NumericColumn;
  price_currency: string;
  price_decimals: number;
  duration_days: number;
  created_at: TimestampColumn;
  provider_invoice_id: string | null;
  invoice_url: string | null;
  linked_at: NullableTimestampColumn;
  /** See invoicesProjection: the latest status of its payments (of the paying one once paid); null before any IPN. */
  payment_status: string | null;
  /** The invoice's NOWPayments payment ids, in the order they were first recorded. */
  payment_ids: ColumnType<string[], string[], string[]>;
  /** The payment whose PaymentReceived granted access (the only grant). */
  paid_payment_id: string | null;
  paid_at: NullableTimestampColumn;
  updated_at: TimestampColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type InvoicesDb = { invoices: InvoicesTable };


export const invoicesDdl = (schema: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, 'invoices')} (
    invoice_id text PRIMARY KEY,
    channel_id text NOT NULL,
    tier_id text NOT NULL,
    subscriber_id text NOT NULL,
    purpose text NOT NULL,
    subscriber_hidden boolean NOT NULL,
    price_amount numeric(78,0) NOT NULL,
    price_currency text NOT NULL,
    price_decimals integer NOT NULL,
    duration_days integer NOT NULL,
    created_at timestamptz NOT NULL,
    provider_invoice_id text,
    invoice_url text,
    linked_at timestamptz,
    payment_status text,
    payment_ids text[] NOT NULL,
    paid_payment_id text,
    paid_at timestamptz,
    updated_at timestamptz NOT NULL,
    updated_commit numeric(20,0) NOT NULL,
    updated_prepare numeric(20,0) NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS invoices_channel_idx ON ${qualifiedTable(schema, 'invoices')} (channel_id)`,
  `CREATE INDEX IF NOT EXISTS invoices_subscriber_idx ON ${qualifiedTable(schema, 'invoices')} (subscriber_id)`,
];
