import { parseSplitEvent } from '@paygate/domain';
import type { Projection } from '../runner/index.ts';
import { SPLIT_TABLES, splitsDdl, type SplitsDb } from './splits-tables.ts';

/** The platform fee and owner share of each received payment (table `splits`). */
export const splitsProjection: Projection<SplitsDb> = {
  name: 'splits',
  version: 1,
  tables: SPLIT_TABLES,
  ddl: splitsDdl,
  handles: ['SplitCalculated'],
  apply: async (db, recorded) => {
    const { data } = parseSplitEvent(recorded);
    // The schema has checked gross = fee + ownerShare in one currency; a payment is split once.
    await db
      .insertInto('splits')
      .values({
        payment_id: data.paymentId,
        invoice_id: data.invoiceId,
        channel_id: data.channelId,
        owner_id: data.ownerId ?? null,
        currency: data.gross.currency,
        decimals: data.gross.decimals,
        gross_amount: data.gross.amount,
        fee_bps: data.feeBps,
        fee_amount: data.fee.amount,
        owner_share_amount: data.ownerShare.amount,
        calculated_at: data.calculatedAt,
      })
      .onConflict((oc) => oc.column('payment_id').doNothing())
      .execute();
  },
};
