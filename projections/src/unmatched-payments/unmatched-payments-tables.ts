import type { ColumnType } from 'kysely';
import type { NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

/**
 * One row per IPN payment that matched none of our invoices, for an operator. Amounts stay the
 * exact decimal text NOWPayments reported: the currency may not even be in the registry.
 */
export type UnmatchedPaymentsTable = {
  payment_id: string;
  order_id: string | null;
  /** The status of the latest notice recorded (unmatched statuses are recorded in arrival order, each once). */
  status: string;
  statuses: ColumnType<string[], string[], string[]>;
  price_amount: string;
  price_currency: string;
  pay_amount: string | null;
  actually_paid: string;
  pay_currency: string;
  outcome_amount: string | null;
  outcome_currency: string | null;
  parent_payment_id: string | null;
  first_recorded_at: TimestampColumn;
  last_recorded_at: TimestampColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type UnmatchedPaymentsDb = { unmatched_payments: UnmatchedPaymentsTable };


export const unmatchedPaymentsDdl = (schema: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, 'unmatched_payments')} (
    payment_id text PRIMARY KEY,
    order_id text,
    status text NOT NULL,
    statuses text[] NOT NULL,
    price_amount text NOT NULL,
    price_currency text NOT NULL,
    pay_amount text,
    actually_paid text NOT NULL,
    pay_currency text NOT NULL,
    outcome_amount text,
    outcome_currency text,
    parent_payment_id text,
    first_recorded_at timestamptz NOT NULL,
    last_recorded_at timestamptz NOT NULL,
    updated_commit numeric(20,0) NOT NULL,
    updated_prepare numeric(20,0) NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS unmatched_payments_order_idx ON ${qualifiedTable(schema, 'unmatched_payments')} (updated_commit, updated_prepare, payment_id)`,
];
