import type { NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

/**
 * One row per payment that became an exception (unmatched, mismatched, underpaid, re-deposit,
 * paid twice, held, status conflicted, refused) and what became of it: `open` until an operator
 * attached or closed it, a hold was decided, or the payment granted after all (`resolved`).
 * Amounts are display text as reported ("12.502501 USDTTRC20"): the currency may not be in the registry.
 */
export type PaymentExceptionsTable = {
  payment_id: string;
  kind: string;
  /** open | attached | closed | resolved */
  state: string;
  /** The invoice it was for (or attached to); null for an unmatched payment until attached. */
  invoice_id: string | null;
  /** The order id NOWPayments reported (unmatched and refused payments). */
  order_id: string | null;
  /** NOWPayments' status of the payment as last reported. */
  status: string;
  paid: string;
  arrived: string | null;
  /** Why it is an exception, in words (the price it was for, the refusal, the conflicting statuses). */
  detail: string;
  /** The operator's note or reason once decided. */
  decision: string | null;
  decided_by: string | null;
  recorded_at: TimestampColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type PaymentExceptionsDb = { payment_exceptions: PaymentExceptionsTable };

export const paymentExceptionsDdl = (schema: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, 'payment_exceptions')} (
    payment_id text PRIMARY KEY,
    kind text NOT NULL,
    state text NOT NULL,
    invoice_id text,
    order_id text,
    status text NOT NULL,
    paid text NOT NULL,
    arrived text,
    detail text NOT NULL,
    decision text,
    decided_by text,
    recorded_at timestamptz NOT NULL,
    updated_commit numeric(20,0) NOT NULL,
    updated_prepare numeric(20,0) NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS payment_exceptions_open_idx ON ${qualifiedTable(schema, 'payment_exceptions')} (recorded_at, payment_id) WHERE state = 'open'`,
];
