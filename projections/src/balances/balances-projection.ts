import { parseConversionPoolEvent, parsePayoutAccumulationEvent, parsePayoutEvent, parseSplitEvent, type MoneyJson, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type Row, type RowSet, type TableKey } from '../rows/index.ts';
import { ownerBalancesDdl } from './balances-tables.ts';

const AMOUNTS = ['received', 'fees', 'pending', 'in_payout', 'paid_out', 'converted_in', 'converted_out'] as const;
type Amount = (typeof AMOUNTS)[number];

/**
 * What an event adds to one channel's balance (negative to take away), in the currency of
 * `money`. `ownerId` names the owner; `ownerFrom` (a conversion's allocation, which names none)
 * takes the owner from the channel's row in that currency, the one whose shares went in.
 */
type Change = { channelId: string; money: MoneyJson; ownerId?: string; ownerFrom?: string; add: Partial<Record<Amount, bigint>> };

/** What an event changes: one channel's balance, or (ConversionStarted) each converted channel's. */
const changesOf = (recorded: RecordedEvent): Change[] => {
  switch (recorded.type) {
    case 'SplitCalculated':
    case 'SplitReversed': {
      const event = parseSplitEvent(recorded);
      const { channelId, ownerId, gross, fee, ownerShare } = event.data;
      // A refund takes the split back whole: a share already paid out leaves pending below zero (owed).
      const sign = event.type === 'SplitReversed' ? -1n : 1n;
      const add = { received: sign * BigInt(gross.amount), fees: sign * BigInt(fee.amount), pending: sign * BigInt(ownerShare.amount) };
      return [{ channelId, money: gross, ...(ownerId === undefined ? {} : { ownerId }), add }];
    }
    case 'ConversionStarted': {
      const event = parseConversionPoolEvent(recorded);
      if (event.type !== 'ConversionStarted') return [];
      return event.data.shares.map(({ channelId, amount }) => ({ channelId, money: amount, add: { pending: -BigInt(amount.amount), converted_out: BigInt(amount.amount) } }));
    }
    case 'PayoutAccumulated': {
      // Only a conversion's allocation changes a balance: a share accumulated as it was is pending since its split.
      const event = parsePayoutAccumulationEvent(recorded);
      if (event.type !== 'PayoutAccumulated' || event.data.from === undefined) return [];
      const { channelId, amount, from } = event.data;
      const units = BigInt(amount.amount);
      return [{ channelId, money: amount, ownerFrom: from.currency, add: { converted_in: units, pending: units } }];
    }
    case 'BatchPayoutStarted': {
      const event = parsePayoutAccumulationEvent(recorded);
      if (event.type !== 'BatchPayoutStarted') return [];
      return [{ channelId: event.data.channelId, money: event.data.amount, add: { in_payout: BigInt(event.data.amount.amount) } }];
    }
    case 'PayoutSent': {
      const event = parsePayoutEvent(recorded);
      // A conversion pays the host wallet: its shares left the balances when it started (converted_out).
      if (event.type !== 'PayoutSent' || event.data.purpose === 'conversion') return [];
      const { channelId, ownerId, amount } = event.data;
      const units = BigInt(amount.amount);
      return [{ channelId, money: amount, ...(ownerId === undefined ? {} : { ownerId }), add: { paid_out: units, pending: -units, in_payout: -units } }];
    }
    default:
      return [];
  }
};

const keyOf = (channelId: string, currency: string) => ({ channel_id: channelId, currency });

const touches = (recorded: RecordedEvent): TableKey[] =>
  changesOf(recorded).flatMap((change) => [
    { table: 'owner_balances', key: keyOf(change.channelId, change.money.currency) },
    ...(change.ownerFrom === undefined ? [] : [{ table: 'owner_balances', key: keyOf(change.channelId, change.ownerFrom) }]),
  ]);

const emptyRow = (change: Change): Row => ({
  ...keyOf(change.channelId, change.money.currency),
  owner_id: null,
  decimals: change.money.decimals,
  ...Object.fromEntries(AMOUNTS.map((column) => [column, '0'])),
});

const ownerOf = (rows: RowSet, row: Row, change: Change): unknown => {
  if (change.ownerId !== undefined) return change.ownerId;
  const from = change.ownerFrom === undefined ? undefined : rows.get('owner_balances', keyOf(change.channelId, change.ownerFrom));
  return from?.owner_id ?? row.owner_id;
};

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const { commit, prepare } = positionColumns(recorded.position);
  for (const change of changesOf(recorded)) {
    const row = rows.get('owner_balances', keyOf(change.channelId, change.money.currency)) ?? emptyRow(change);
    if (row.updated_commit !== undefined && rowHasSeen(row, recorded.position)) continue;
    const amounts = Object.fromEntries(AMOUNTS.map((column) => [column, (BigInt(row[column] as string) + (change.add[column] ?? 0n)).toString()]));
    rows.put('owner_balances', { ...row, ...amounts, owner_id: ownerOf(rows, row, change), updated_commit: commit, updated_prepare: prepare });
  }
};

/**
 * What each channel's owner has earned and been paid, per settled currency (table
 * `owner_balances`): splits add to received, fees and pending (a refund's SplitReversed takes
 * the same amounts back, so pending below zero is a share paid out and now owed); a conversion's start moves each
 * converted channel's shares out of pending into converted_out, and its allocation adds the stable
 * coin it got back to converted_in and pending (the owner is the one whose shares went in); a
 * batch payout's start moves its amount into in_payout; an owner's PayoutSent moves it out of
 * pending and in_payout into paid_out (a conversion's PayoutSent changes no owner's balance).
 */
export const balancesProjection = rowProjection({
  name: 'owner_balances',
  version: 2,
  keys: { owner_balances: ['channel_id', 'currency'] },
  ddl: ownerBalancesDdl,
  handles: ['SplitCalculated', 'SplitReversed', 'ConversionStarted', 'PayoutAccumulated', 'BatchPayoutStarted', 'PayoutSent'],
  touches,
  evolve,
});
