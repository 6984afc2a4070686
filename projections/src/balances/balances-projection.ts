import { parsePayoutAccumulationEvent, parsePayoutEvent, parseSplitEvent, type MoneyJson, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type Row, type RowSet, type TableKey } from '../rows/index.ts';
import { ownerBalancesDdl } from './balances-tables.ts';

type Change = { channelId: string; money: MoneyJson; ownerId: string | undefined; add: Partial<Record<'received' | 'fees' | 'pending' | 'in_payout' | 'paid_out', bigint>> };

/** What an event adds to its channel's balance (negative to take away), in the currency of `money`. */
const changeOf = (recorded: RecordedEvent): Change | undefined => {
  switch (recorded.type) {
    case 'SplitCalculated': {
      const { channelId, ownerId, gross, fee, ownerShare } = parseSplitEvent(recorded).data;
      return { channelId, money: gross, ownerId, add: { received: BigInt(gross.amount), fees: BigInt(fee.amount), pending: BigInt(ownerShare.amount) } };
    }
    case 'BatchPayoutStarted': {
      const event = parsePayoutAccumulationEvent(recorded);
      if (event.type !== 'BatchPayoutStarted') return undefined;
      return { channelId: event.data.channelId, money: event.data.amount, ownerId: undefined, add: { in_payout: BigInt(event.data.amount.amount) } };
    }
    case 'PayoutSent': {
      const event = parsePayoutEvent(recorded);
      if (event.type !== 'PayoutSent') return undefined;
      const { channelId, ownerId, amount } = event.data;
      const units = BigInt(amount.amount);
      return { channelId, money: amount, ownerId, add: { paid_out: units, pending: -units, in_payout: -units } };
    }
    default:
      return undefined;
  }
};

const keyOf = (change: Change) => ({ channel_id: change.channelId, currency: change.money.currency });

const touches = (recorded: RecordedEvent): TableKey[] => {
  const change = changeOf(recorded);
  return change ? [{ table: 'owner_balances', key: keyOf(change) }] : [];
};

const AMOUNTS = ['received', 'fees', 'pending', 'in_payout', 'paid_out'] as const;

const emptyRow = (change: Change): Row => ({ ...keyOf(change), owner_id: null, decimals: change.money.decimals, ...Object.fromEntries(AMOUNTS.map((column) => [column, '0'])) });

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const change = changeOf(recorded);
  if (!change) return;
  const row = rows.get('owner_balances', keyOf(change)) ?? emptyRow(change);
  if (row.updated_commit !== undefined && rowHasSeen(row, recorded.position)) return;
  const amounts = Object.fromEntries(AMOUNTS.map((column) => [column, (BigInt(row[column] as string) + (change.add[column] ?? 0n)).toString()]));
  const { commit, prepare } = positionColumns(recorded.position);
  rows.put('owner_balances', { ...row, ...amounts, owner_id: change.ownerId ?? row.owner_id, updated_commit: commit, updated_prepare: prepare });
};

/**
 * What each channel's owner has earned and been paid, per settled currency (table
 * `owner_balances`): splits add to received, fees and pending; a batch payout's start moves its
 * amount into in_payout; PayoutSent moves it out of pending and in_payout into paid_out.
 */
export const balancesProjection = rowProjection({
  name: 'owner_balances',
  version: 1,
  keys: { owner_balances: ['channel_id', 'currency'] },
  ddl: ownerBalancesDdl,
  handles: ['SplitCalculated', 'BatchPayoutStarted', 'PayoutSent'],
  touches,
  evolve,
});
