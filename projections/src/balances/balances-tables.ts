import type { NumericColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

/**
 * One row per channel and settled currency, in minor units: `received` (sum of gross) +
 * `converted_in` = `fees` + `converted_out` + `paid_out` + `pending` while the log is sound;
 * `converted_out` is the shares that left in a micro-batched conversion (a coin that is no stable
 * coin), `converted_in` the stable coin allocated back from conversions; `in_payout` is the part
 * of `pending` in a payout that started and was not sent yet. `owner_id` is the channel's owner
 * as the latest split or payout named it (null while no split had one); a conversion's
 * allocation takes it from the channel's row in the converted currency.
 */
export type OwnerBalancesTable = {
  channel_id: string;
  currency: string;
  owner_id: string | null;
  decimals: number;
  received: NumericColumn;
  fees: NumericColumn;
  pending: NumericColumn;
  in_payout: NumericColumn;
  paid_out: NumericColumn;
  converted_in: NumericColumn;
  converted_out: NumericColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type OwnerBalancesDb = { owner_balances: OwnerBalancesTable };

export const ownerBalancesDdl = (schema: string): string[] => {
  const table = qualifiedTable(schema, 'owner_balances');
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (
      channel_id text NOT NULL,
      currency text NOT NULL,
      owner_id text,
      decimals integer NOT NULL,
      received numeric(78,0) NOT NULL,
      fees numeric(78,0) NOT NULL,
      pending numeric(78,0) NOT NULL,
      in_payout numeric(78,0) NOT NULL,
      paid_out numeric(78,0) NOT NULL,
      converted_in numeric(78,0) NOT NULL,
      converted_out numeric(78,0) NOT NULL,
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL,
      PRIMARY KEY (channel_id, currency)
    )`,
    `CREATE INDEX IF NOT EXISTS owner_balances_owner_idx ON ${table} (owner_id, currency)`,
  ];
};
