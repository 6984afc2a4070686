import type { NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

/** One row per split payment; gross = fee + owner_share to the last minor unit, in one currency. */
export type SplitsTable = {
  payment_id: string;
  invoice_id: string;
  channel_id: string;
  owner_id: string | null;
  currency: string;
  decimals: number;
  gross_amount: NumericColumn;
  fee_bps: number;
  fee_amount: NumericColumn;
  owner_share_amount: NumericColumn;
  calculated_at: TimestampColumn;
};

export type SplitsDb = { splits: SplitsTable };


export const splitsDdl = (schema: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, 'splits')} (
    payment_id text PRIMARY KEY,
    invoice_id text NOT NULL,
    channel_id text NOT NULL,
    owner_id text,
    currency text NOT NULL,
    decimals integer NOT NULL,
    gross_amount numeric(78,0) NOT NULL,
    fee_bps integer NOT NULL,
    fee_amount numeric(78,0) NOT NULL,
    owner_share_amount numeric(78,0) NOT NULL,
    calculated_at timestamptz NOT NULL,
    CHECK (fee_amount + owner_share_amount = gross_amount)
  )`,
  `CREATE INDEX IF NOT EXISTS splits_invoice_idx ON ${qualifiedTable(schema, 'splits')} (invoice_id)`,
  `CREATE INDEX IF NOT EXISTS splits_channel_idx ON ${qualifiedTable(schema, 'splits')} (channel_id)`,
  // Revenue series: a time range, over all channels or over one owner's (channel by channel).
  `CREATE INDEX IF NOT EXISTS splits_time_idx ON ${qualifiedTable(schema, 'splits')} (calculated_at)`,
  `CREATE INDEX IF NOT EXISTS splits_channel_time_idx ON ${qualifiedTable(schema, 'splits')} (channel_id, calculated_at)`,
];
