import type { Selectable } from 'kysely';
import type { Money } from '@paygate/domain';
import { isoTime, moneyFromColumns } from '../read-models/columns.ts';
import { ownedChannelCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { SplitsDb, SplitsTable } from './splits-tables.ts';

export type SplitView = {
  paymentId: string;
  invoiceId: string;
  channelId: string;
  ownerId: string | null;
  gross: Money;
  feeBps: number;
  fee: Money;
  ownerShare: Money;
  calculatedAt: string;
};

const splitViewFromRow = (row: Selectable<SplitsTable>): SplitView => {
  const inCurrency = (amount: string) => moneyFromColumns(amount, row.currency, row.decimals);
  return {
    paymentId: row.payment_id,
    invoiceId: row.invoice_id,
    channelId: row.channel_id,
    ownerId: row.owner_id,
    gross: inCurrency(row.gross_amount),
    feeBps: row.fee_bps,
    fee: inCurrency(row.fee_amount),
    ownerShare: inCurrency(row.owner_share_amount),
    calculatedAt: isoTime(row.calculated_at),
  };
};

/** The payment's split, or undefined; with an owner's scope, only a split of one of their channels. */
export const findSplit = async (db: AnyKysely, schema: string, paymentId: string, scope: OwnerScope = {}): Promise<SplitView | undefined> => {
  const row = await scopedTo<SplitsDb>(db, schema)
    .selectFrom('splits')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .where(ownedChannelCondition(schema, scope))
    .executeTakeFirst();
  return row && splitViewFromRow(row);
};

/** The splits of an invoice's payments, by payment id (none, with an owner's scope, unless the channel is theirs). */
export const listInvoiceSplits = async (db: AnyKysely, schema: string, invoiceId: string, scope: OwnerScope = {}): Promise<SplitView[]> => {
  const rows = await scopedTo<SplitsDb>(db, schema)
    .selectFrom('splits')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where(ownedChannelCondition(schema, scope))
    .orderBy('payment_id')
    .execute();
  return rows.map(splitViewFromRow);
};
