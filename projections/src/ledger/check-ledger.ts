import type { ChannelBalanceView } from '../balances/balance-queries.ts';
import type { Ledger, LedgerAccount } from './ledger-types.ts';

export const LEDGER_FIELDS = ['received', 'fees', 'pending', 'inPayout', 'paidOut', 'convertedIn', 'convertedOut'] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

type Named = { ownerId: string | null; channelId: string; currency: string; decimals: number };

/**
 * What does not add up:
 * - `identity`: received + convertedIn ≠ fees + convertedOut + paidOut + pending for a channel's account
 *   (difference = received + convertedIn − fees − convertedOut − paidOut − pending);
 * - `read-model`: the owner_balances row disagrees with the ledger (difference = read model − ledger; a missing row reads as 0);
 * - `event`: an event the ledger could not count as it stands (invalid, a second split, a payout sent twice or never started,
 *   a conversion or allocation that does not agree with its shares or with the allocation rule).
 */
export type LedgerDiscrepancy =
  | (Named & {
      kind: 'identity';
      received: bigint;
      convertedIn: bigint;
      fees: bigint;
      convertedOut: bigint;
      paidOut: bigint;
      pending: bigint;
      difference: bigint;
    })
  | (Named & { kind: 'read-model'; field: LedgerField; ledger: bigint; readModel: bigint; difference: bigint })
  | { kind: 'event'; eventId: string; streamId: string; type: string; reason: string };

const identityOf = (account: LedgerAccount): LedgerDiscrepancy | undefined => {
  const { ownerId, channelId, currency, decimals, received, convertedIn, fees, convertedOut, paidOut, pending } = account;
  const difference = received + convertedIn - fees - convertedOut - paidOut - pending;
  return difference === 0n ? undefined : { kind: 'identity', ownerId, channelId, currency, decimals, received, convertedIn, fees, convertedOut, paidOut, pending, difference };
};

const key = (channelId: string, currency: string) => JSON.stringify([channelId, currency]);

const readModelDifferences = (ledger: Ledger, balances: readonly ChannelBalanceView[]): LedgerDiscrepancy[] => {
  const found: LedgerDiscrepancy[] = [];
  const rows = new Map(balances.map((row) => [key(row.channelId, row.currency), row]));
  const accounts = new Map(ledger.accounts.map((account) => [key(account.channelId, account.currency), account]));
  for (const id of new Set([...accounts.keys(), ...rows.keys()])) {
    const account = accounts.get(id);
    const row = rows.get(id);
    const named: Named = {
      ownerId: account?.ownerId ?? row?.ownerId ?? null,
      channelId: (account ?? row)!.channelId,
      currency: (account ?? row)!.currency,
      decimals: account?.decimals ?? row!.received.decimals,
    };
    for (const field of LEDGER_FIELDS) {
      const inLedger = account?.[field] ?? 0n;
      const inReadModel = row?.[field].amount ?? 0n;
      if (inLedger !== inReadModel) found.push({ kind: 'read-model', ...named, field, ledger: inLedger, readModel: inReadModel, difference: inReadModel - inLedger });
    }
  }
  return found;
};

/**
 * Every discrepancy in a ledger: its identity, account by account, the events it could not
 * count, and — given the owner_balances rows taken at the same position of the log — every
 * amount where the read model differs. Empty when the books balance to the unit.
 */
export const checkLedger = (ledger: Ledger, balances?: readonly ChannelBalanceView[]): LedgerDiscrepancy[] => [
  ...ledger.accounts.flatMap((account) => identityOf(account) ?? []),
  ...ledger.problems.map((problem) => ({ kind: 'event' as const, ...problem })),
  ...(balances === undefined ? [] : readModelDifferences(ledger, balances)),
];
