// Accounts: the running totals the events state per channel and currency, and the accounts and
// owners derived from them with pending and in payout summed from the tracked items themselves.
import { paymentKey, unsentPaymentKeys, type Payout, type PendingItem } from './pending-shares.ts';
import type { Ledger, LedgerAccount, LedgerConversion, LedgerEventProblem, OwnerLedger } from './ledger-types.ts';

/** What the events say moved in and out of one channel's account in one currency. */
export type Totals = { channelId: string; currency: string; decimals: number; received: bigint; fees: bigint; paidOut: bigint; convertedIn: bigint; convertedOut: bigint };

const accountKey = (channelId: string, currency: string) => JSON.stringify([channelId, currency]);

/** The totals of a channel in a currency, started at zero the first time they are asked for. */
export const totalsIn = (totals: Map<string, Totals>, channelId: string, currency: string, decimals: number): Totals => {
  const key = accountKey(channelId, currency);
  let found = totals.get(key);
  if (!found) totals.set(key, (found = { channelId, currency, decimals, received: 0n, fees: 0n, paidOut: 0n, convertedIn: 0n, convertedOut: 0n }));
  return found;
};

export type FoldState = {
  items: readonly PendingItem[];
  totals: ReadonlyMap<string, Totals>;
  payouts: ReadonlyMap<string, Payout>;
  conversions: LedgerConversion[];
  owners: ReadonlyMap<string, string>;
  problems: LedgerEventProblem[];
  events: number;
};

const compareText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** Derives the accounts from the fold's state: pending and in payout share by share, allocation by allocation. */
export const ledgerOf = ({ items, totals, payouts, conversions, owners, problems, events }: FoldState): Ledger => {
  const accounts = new Map<string, LedgerAccount>();
  const accountOf = (channelId: string, currency: string, decimals: number): LedgerAccount => {
    const key = accountKey(channelId, currency);
    let found = accounts.get(key);
    if (!found) {
      const { received = 0n, fees = 0n, paidOut = 0n, convertedIn = 0n, convertedOut = 0n } = totals.get(key) ?? {};
      accounts.set(key, (found = { channelId, ownerId: owners.get(channelId) ?? null, currency, decimals, received, fees, paidOut, convertedIn, convertedOut, pending: 0n, inPayout: 0n }));
    }
    return found;
  };
  for (const { channelId, currency, decimals } of totals.values()) accountOf(channelId, currency, decimals);
  const inUnsentPayout = unsentPaymentKeys(payouts.values());
  for (const item of items) {
    if (item.gone) continue;
    const account = accountOf(item.channelId, item.currency, item.decimals);
    account.pending += item.amount;
    if (item.reverses === undefined && item.paymentIds.some((paymentId) => inUnsentPayout.has(paymentKey(paymentId, item.currency)))) account.inPayout += item.amount;
  }
  const sorted = [...accounts.values()].sort((a, b) => compareText(a.channelId, b.channelId) || compareText(a.currency, b.currency));
  return { accounts: sorted, owners: byOwner(sorted), conversions, problems, events };
};

const byOwner = (accounts: readonly LedgerAccount[]): OwnerLedger[] => {
  const owners = new Map<string, OwnerLedger>();
  for (const { channelId, ...account } of accounts) {
    const key = JSON.stringify([account.ownerId, account.currency]);
    const found = owners.get(key);
    if (!found) {
      owners.set(key, { ...account, channels: [channelId] });
      continue;
    }
    found.received += account.received;
    found.fees += account.fees;
    found.paidOut += account.paidOut;
    found.convertedIn += account.convertedIn;
    found.convertedOut += account.convertedOut;
    found.pending += account.pending;
    found.inPayout += account.inPayout;
    found.channels.push(channelId);
  }
  return [...owners.values()].sort((a, b) => compareText(a.ownerId, b.ownerId) || compareText(a.currency, b.currency));
};
