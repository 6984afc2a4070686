import type { Selectable } from 'kysely';
import type { GlobalPosition, Money } from '@paygate/domain';
import { isoTime, moneyFromColumns, optionalIsoTime, optionalMoneyFromColumns, positionFromColumns } from '../read-models/columns.ts';
import type { PayoutPurpose, PayoutsTable, PayoutStatus } from './payouts-tables.ts';

export type PayoutTransferView = { hash: string; nonce: number; to: string; replaces: string | null; signedAt: string };

export type PayoutView = {
  payoutId: string;
  channelId: string;
  /** Null until PayoutStarted names the owner (a batch whose payout has not started yet), and for a conversion. */
  ownerId: string | null;
  /** Null for a payout to an owner; `conversion` for pooled shares converted into the host wallet's stable coin. */
  purpose: PayoutPurpose | null;
  /** What leaves the owner's balance, in the settled currency. */
  amount: Money;
  paymentIds: string[];
  wallet: { address: string; network: string; currency: string } | null;
  route: string | null;
  status: PayoutStatus;
  statusReason: string | null;
  rateId: string | null;
  exchangeId: string | null;
  payinAddress: string | null;
  /** Every signed candidate, oldest first; fee bumps share a nonce. */
  transfers: PayoutTransferView[];
  executed: { txHash: string; blockNumber: number } | null;
  payoutHash: string | null;
  /** What the owner got (maybe another currency); null until sent. */
  received: Money | null;
  startedAt: string;
  updatedAt: string;
  sentAt: string | null;
  /** Position of the last event that changed the row; the list pages by it. */
  updatedPosition: GlobalPosition;
};

export const payoutViewFromRow = (row: Selectable<PayoutsTable>): PayoutView => ({
  payoutId: row.payout_id,
  channelId: row.channel_id,
  ownerId: row.owner_id,
  purpose: row.purpose,
  amount: moneyFromColumns(row.amount, row.currency, row.decimals),
  paymentIds: row.payment_ids,
  wallet:
    row.wallet_address === null || row.wallet_network === null || row.wallet_currency === null
      ? null
      : { address: row.wallet_address, network: row.wallet_network, currency: row.wallet_currency },
  route: row.route,
  status: row.status,
  statusReason: row.status_reason,
  rateId: row.rate_id,
  exchangeId: row.exchange_id,
  payinAddress: row.payin_address,
  transfers: row.transfers.map((transfer) => ({ ...transfer, nonce: Number(transfer.nonce) })),
  executed: row.executed_tx_hash === null || row.executed_block === null ? null : { txHash: row.executed_tx_hash, blockNumber: Number(row.executed_block) },
  payoutHash: row.payout_hash,
  received: optionalMoneyFromColumns(row.received_amount, row.received_currency, row.received_decimals),
  startedAt: isoTime(row.started_at),
  updatedAt: isoTime(row.updated_at),
  sentAt: optionalIsoTime(row.sent_at),
  updatedPosition: positionFromColumns(row.updated_commit, row.updated_prepare),
});
