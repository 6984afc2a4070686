import { parseSplitEvent } from '@paygate/domain';
import { rowProjection } from '../rows/index.ts';
import { splitsDdl } from './splits-tables.ts';

/** The platform fee and owner share of each received payment (table `splits`). */
export const splitsProjection = rowProjection({
  name: 'splits',
  // 2: set-based batches (same rows; the version makes an upgrade rebuild through the new path).
  version: 2,
  keys: { splits: ['payment_id'] },
  ddl: splitsDdl,
  handles: ['SplitCalculated'],
  touches: (recorded) => [{ table: 'splits', key: { payment_id: parseSplitEvent(recorded).data.paymentId } }],
  evolve: (rows, recorded) => {
    const event = parseSplitEvent(recorded);
    if (event.type !== 'SplitCalculated') return; // a reversal is the ledger's and the balances' (owner_balances)
    const { data } = event;
    // The schema has checked gross = fee + ownerShare in one currency; a payment is split once.
    if (rows.get('splits', { payment_id: data.paymentId })) return;
    rows.put('splits', {
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
    });
  },
});
