import type { ColumnType } from 'kysely';
import type { NullableNumericColumn, NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

/**
 * One row per NOWPayments payment. Amounts NOWPayments reported stay exact decimal text as in the
 * events (they may carry more digits than the chain moves, or name a currency not yet in the
 * registry); the money PaymentReceived settled is numeric(78,0) minor units with currency and decimals.
 */
export type PaymentsTable = {
  payment_id: string;
  invoice_id: string;
  channel_id: string | null;
  tier_id: string | null;
  /** subscription | donation: from the invoice's creating event, or a DonationReceived. */
  kind: string;
  subscriber_id: string | null;
  status: string;
  /** What the last consequence event said: received, held_for_review, rejected, paid_twice, mismatched, underpaid, redeposit, failed, expired, refunded. */
  outcome: string | null;
  /** The invoice's price (what the payment had to pay). */
  price_amount: NullableNumericColumn;
  price_currency: string | null;
  price_decimals: number | null;
  reported_price_amount: string;
  reported_price_currency: string;
  pay_amount: string | null;
  actually_paid: string;
  pay_currency: string;
  outcome_amount: string | null;
  outcome_currency: string | null;
  parent_payment_id: string | null;
  received_paid_amount: NullableNumericColumn;
  received_paid_currency: string | null;
  received_paid_decimals: number | null;
  received_outcome_amount: NullableNumericColumn;
  received_outcome_currency: string | null;
  received_outcome_decimals: number | null;
  conflicts: ColumnType<number, number, number>;
  first_seen_at: TimestampColumn;
  updated_at: TimestampColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

/** What the payment rows need from the invoice; filled from InvoiceCreated so this read model rebuilds on its own. */
export type PaymentInvoicesTable = {
  invoice_id: string;
  channel_id: string;
  tier_id: string;
  /** Null for an anonymous donation (the donor did not allow their name). */
  subscriber_id: string | null;
  /** subscription (InvoiceCreated) | donation (DonationInvoiceCreated). */
  kind: string;
  price_amount: NumericColumn;
  price_currency: string;
  price_decimals: number;
};

export type PaymentsDb = { payments: PaymentsTable; payment_invoices: PaymentInvoicesTable };


export const paymentsDdl = (schema: string): string[] => {
  const payments = qualifiedTable(schema, 'payments');
  return [
    `CREATE TABLE IF NOT EXISTS ${payments} (
      payment_id text PRIMARY KEY,
      invoice_id text NOT NULL,
      channel_id text,
      tier_id text,
      kind text NOT NULL,
      subscriber_id text,
      status text NOT NULL,
      outcome text,
      price_amount numeric(78,0),
      price_currency text,
      price_decimals integer,
      reported_price_amount text NOT NULL,
      reported_price_currency text NOT NULL,
      pay_amount text,
      actually_paid text NOT NULL,
      pay_currency text NOT NULL,
      outcome_amount text,
      outcome_currency text,
      parent_payment_id text,
      received_paid_amount numeric(78,0),
      received_paid_currency text,
      received_paid_decimals integer,
      received_outcome_amount numeric(78,0),
      received_outcome_currency text,
      received_outcome_decimals integer,
      conflicts integer NOT NULL,
      first_seen_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL
    )`,
    // The list endpoint pages newest first by (updated position, payment id), optionally filtered.
    `CREATE INDEX IF NOT EXISTS payments_order_idx ON ${payments} (updated_commit, updated_prepare, payment_id)`,
    `CREATE INDEX IF NOT EXISTS payments_invoice_idx ON ${payments} (invoice_id, updated_commit, updated_prepare, payment_id)`,
    `CREATE INDEX IF NOT EXISTS payments_channel_idx ON ${payments} (channel_id, updated_commit, updated_prepare, payment_id)`,
    `CREATE INDEX IF NOT EXISTS payments_status_idx ON ${payments} (status, updated_commit, updated_prepare, payment_id)`,
    `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, 'payment_invoices')} (
      invoice_id text PRIMARY KEY,
      channel_id text NOT NULL,
      tier_id text NOT NULL,
      subscriber_id text,
      kind text NOT NULL,
      price_amount numeric(78,0) NOT NULL,
      price_currency text NOT NULL,
      price_decimals integer NOT NULL
    )`,
  ];
};
