import type { ColumnType } from 'kysely';
import type { NullableNumericColumn, NullableTimestampColumn, NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

export const PAYOUT_STATUSES = ['running', 'held', 'failed', 'sent'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
/** Null: a payout to an owner; `conversion`: pooled shares converted into the host wallet's stable coin (no owner). */
export type PayoutPurpose = 'conversion';

/** One signed transfer; a fee bump adds another candidate with the same nonce (any one may be mined). */
export type PayoutTransfer = { hash: string; nonce: number; to: string; replaces: string | null; signedAt: string };

/**
 * One row per payout. `amount` is what leaves the owner's balance (numeric(78,0) minor units, in
 * the settled currency); `received_*` is what the owner got, possibly in another currency. A row
 * is first written by BatchPayoutStarted (so a batch whose PayoutStarted never followed is still
 * visible), with owner, wallet and route filled in by PayoutStarted. A conversion (`purpose`
 * 'conversion') starts with its PayoutStarted and has no owner: it pays the host wallet itself
 * (channel `platform`), `amount` is what left the conversion pool, `received_*` the stable coin.
 */
export type PayoutsTable = {
  payout_id: string;
  channel_id: string;
  owner_id: string | null;
  purpose: PayoutPurpose | null;
  currency: string;
  decimals: number;
  amount: NumericColumn;
  payment_ids: ColumnType<string[], string[], string[]>;
  wallet_address: string | null;
  wallet_network: string | null;
  wallet_currency: string | null;
  route: string | null;
  status: PayoutStatus;
  /** Why it is held or failed (null while running or sent). */
  status_reason: string | null;
  rate_id: string | null;
  exchange_id: string | null;
  payin_address: string | null;
  transfers: ColumnType<PayoutTransfer[], string, string>;
  executed_tx_hash: string | null;
  executed_block: ColumnType<string | null, string | null, string | null>;
  payout_hash: string | null;
  received_amount: NullableNumericColumn;
  received_currency: string | null;
  received_decimals: number | null;
  started_at: TimestampColumn;
  updated_at: TimestampColumn;
  sent_at: NullableTimestampColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type PayoutsDb = { payouts: PayoutsTable };

export const payoutsDdl = (schema: string): string[] => {
  const payouts = qualifiedTable(schema, 'payouts');
  return [
    `CREATE TABLE IF NOT EXISTS ${payouts} (
      payout_id text PRIMARY KEY,
      channel_id text NOT NULL,
      owner_id text,
      purpose text CHECK (purpose IN ('conversion')),
      currency text NOT NULL,
      decimals integer NOT NULL,
      amount numeric(78,0) NOT NULL,
      payment_ids text[] NOT NULL,
      wallet_address text,
      wallet_network text,
      wallet_currency text,
      route text,
      status text NOT NULL CHECK (status IN ('running', 'held', 'failed', 'sent')),
      status_reason text,
      rate_id text,
      exchange_id text,
      payin_address text,
      transfers jsonb NOT NULL,
      executed_tx_hash text,
      executed_block numeric(20,0),
      payout_hash text,
      received_amount numeric(78,0),
      received_currency text,
      received_decimals integer,
      started_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      sent_at timestamptz,
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL
    )`,
    // The list pages newest change first by (updated position, payout id), optionally filtered.
    `CREATE INDEX IF NOT EXISTS payouts_order_idx ON ${payouts} (updated_commit, updated_prepare, payout_id)`,
    `CREATE INDEX IF NOT EXISTS payouts_channel_idx ON ${payouts} (channel_id, updated_commit, updated_prepare, payout_id)`,
    `CREATE INDEX IF NOT EXISTS payouts_owner_idx ON ${payouts} (owner_id, updated_commit, updated_prepare, payout_id)`,
    `CREATE INDEX IF NOT EXISTS payouts_status_idx ON ${payouts} (status, updated_commit, updated_prepare, payout_id)`,
  ];
};
