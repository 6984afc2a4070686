import { parsePayoutAccumulationEvent, parsePayoutEvent, type PayoutEvent, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type Row, type RowSet, type TableKey } from '../rows/index.ts';
import { payoutsDdl, type PayoutTransfer } from './payouts-tables.ts';

const PAYOUT_EVENTS = ['PayoutStarted', 'SplitEstimated', 'PayoutHeld', 'SwapCreated', 'TransferSigned', 'SwapExecuted', 'PayoutSent', 'PayoutFailed', 'PayoutResumed'];

const payoutIdOf = (recorded: RecordedEvent): string =>
  recorded.type === 'BatchPayoutStarted' ? (parsePayoutAccumulationEvent(recorded).data as { payoutId: string }).payoutId : parsePayoutEvent(recorded).data.payoutId;

const touches = (recorded: RecordedEvent): TableKey[] => [{ table: 'payouts', key: { payout_id: payoutIdOf(recorded) } }];

/** A new row: what a payout is before anything but its start is known. */
const startedRow = (payoutId: string, channelId: string, amount: { amount: string; currency: string; decimals: number }, paymentIds: string[], at: string): Row => ({
  payout_id: payoutId,
  channel_id: channelId,
  owner_id: null,
  purpose: null,
  currency: amount.currency,
  decimals: amount.decimals,
  amount: amount.amount,
  payment_ids: paymentIds,
  wallet_address: null,
  wallet_network: null,
  wallet_currency: null,
  route: null,
  status: 'running',
  status_reason: null,
  rate_id: null,
  exchange_id: null,
  payin_address: null,
  transfers: [],
  executed_tx_hash: null,
  executed_block: null,
  payout_hash: null,
  received_amount: null,
  received_currency: null,
  received_decimals: null,
  started_at: at,
  updated_at: at,
  sent_at: null,
});

/** A sent payout stays sent: later events (a late failure report, a resume) only add detail. */
const status = (row: Row, next: string, reason: string | null) => (row.status === 'sent' ? {} : { status: next, status_reason: reason });

/** What each payout event changes on an existing row. */
const changes = (row: Row, event: PayoutEvent): Row => {
  switch (event.type) {
    case 'PayoutStarted': {
      const { channelId, ownerId, purpose, amount, paymentIds, wallet, route, startedAt } = event.data;
      return {
        channel_id: channelId,
        owner_id: ownerId ?? null,
        purpose: purpose ?? null,
        currency: amount.currency,
        decimals: amount.decimals,
        amount: amount.amount,
        payment_ids: paymentIds,
        wallet_address: wallet.address,
        wallet_network: wallet.network,
        wallet_currency: wallet.currency,
        route,
        started_at: startedAt,
        updated_at: startedAt,
      };
    }
    case 'SplitEstimated':
      return { rate_id: event.data.rateId, updated_at: event.data.estimatedAt };
    case 'PayoutHeld':
      return { ...status(row, 'held', `${event.data.reason}: ${event.data.detail}`), updated_at: event.data.heldAt };
    case 'SwapCreated':
      return { exchange_id: event.data.exchangeId, payin_address: event.data.payinAddress, updated_at: event.data.createdAt };
    case 'TransferSigned': {
      const { hash, nonce, to, replaces, signedAt } = event.data;
      const transfers = row.transfers as PayoutTransfer[];
      if (transfers.some((transfer) => transfer.hash === hash)) return {};
      // The nonce as decimal text: jsonb read back through the row loader keeps numbers as text, so text is the one stable form.
      return { transfers: [...transfers, { hash, nonce: String(nonce), to, replaces: replaces ?? null, signedAt }], updated_at: signedAt };
    }
    case 'SwapExecuted':
      return { executed_tx_hash: event.data.txHash, executed_block: String(event.data.blockNumber), updated_at: event.data.executedAt };
    case 'PayoutSent': {
      const { ownerId, purpose, channelId, payoutHash, received, sentAt } = event.data;
      return {
        status: 'sent',
        status_reason: null,
        owner_id: row.owner_id ?? ownerId ?? null,
        purpose: row.purpose ?? purpose ?? null,
        channel_id: channelId,
        payout_hash: payoutHash,
        received_amount: received.amount,
        received_currency: received.currency,
        received_decimals: received.decimals,
        sent_at: sentAt,
        updated_at: sentAt,
      };
    }
    case 'PayoutFailed': {
      const { reason, status: exchangeStatus } = event.data;
      return { ...status(row, 'failed', exchangeStatus === undefined ? reason : `${reason} (${exchangeStatus})`), updated_at: event.data.failedAt };
    }
    case 'PayoutResumed':
      return { ...status(row, 'running', null), updated_at: event.data.resumedAt };
  }
};

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const key = { payout_id: payoutIdOf(recorded) };
  const row = rows.get('payouts', key);
  if (row && rowHasSeen(row, recorded.position)) return;
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  if (recorded.type === 'BatchPayoutStarted') {
    const event = parsePayoutAccumulationEvent(recorded);
    if (event.type !== 'BatchPayoutStarted' || row) return;
    const { payoutId, channelId, amount, paymentIds, startedAt } = event.data;
    rows.put('payouts', { ...startedRow(payoutId, channelId, amount, paymentIds, startedAt), ...moved });
    return;
  }
  const event = parsePayoutEvent(recorded);
  if (!row) {
    // Normally BatchPayoutStarted came first; a payout event without a start is not shown.
    if (event.type !== 'PayoutStarted') return;
    const { payoutId, channelId, amount, paymentIds, startedAt } = event.data;
    const started = startedRow(payoutId, channelId, amount, paymentIds, startedAt);
    rows.put('payouts', { ...started, ...changes(started, event), ...moved });
    return;
  }
  rows.put('payouts', { ...row, ...changes(row, event), ...moved });
};

/**
 * One row per payout (table `payouts`): amount, wallet, route, status, the exchange's ids, every
 * signed transfer candidate, the mined transaction and what the owner received. A conversion
 * (purpose `conversion`: pooled shares swapped into the host wallet's stable coin) is a row too,
 * with no owner.
 */
export const payoutsProjection = rowProjection({
  name: 'payouts',
  version: 2,
  keys: { payouts: ['payout_id'] },
  ddl: payoutsDdl,
  handles: ['BatchPayoutStarted', ...PAYOUT_EVENTS],
  touches,
  evolve,
});
