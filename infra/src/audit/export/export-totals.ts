// The export's totals per currency and account: what the ledger said at the start of the range,
// what the entries moved, and what the ledger says at its end — which must add up to the unit.
import type { Ledger } from '@paygate/projections';
import { EXPORT_ACCOUNTS, type ExportAccount, type LedgerEntry } from './ledger-entry.ts';

export type ExportTotal = {
  currency: string;
  decimals: number;
  account: ExportAccount;
  /** The ledger fold's figure just before the range's first event (0 when the range starts at the log's start). */
  opening: bigint;
  /** The sum of the range's entries. */
  movement: bigint;
  /** The ledger fold's figure after the range's last event: `paygate ledger check`'s, summed over owners, when the range ends at the head. */
  closing: bigint;
  /** opening + movement = closing. */
  reconciled: boolean;
};

type Sums = Map<string, { currency: string; decimals: number; account: ExportAccount; amount: bigint }>;

const keyOf = (currency: string, account: ExportAccount) => JSON.stringify([currency, account]);

const addTo = (sums: Sums, currency: string, decimals: number, account: ExportAccount, amount: bigint): void => {
  const key = keyOf(currency, account);
  const found = sums.get(key);
  if (found) found.amount += amount;
  else sums.set(key, { currency, decimals, account, amount });
};

/** The ledger's accounts summed per currency over every channel (and so over every owner). */
export const ledgerSums = (ledger: Ledger): Sums => {
  const sums: Sums = new Map();
  for (const account of ledger.accounts) for (const name of EXPORT_ACCOUNTS) addTo(sums, account.currency, account.decimals, name, account[name]);
  return sums;
};

/** Sums entries as they stream past: memory per currency and account, never per entry. */
export const createMovementSums = () => {
  const sums: Sums = new Map();
  return {
    add: (entry: LedgerEntry) => addTo(sums, entry.currency, entry.decimals, entry.account, entry.amount),
    sums: (): Sums => sums,
  };
};

/** One line per currency and account that any of the three knows, currencies in order, accounts in the ledger's order. */
export const reconcileTotals = (opening: Sums, movement: Sums, closing: Sums): ExportTotal[] => {
  const keys = new Set([...opening.keys(), ...movement.keys(), ...closing.keys()]);
  const totals = [...keys].map((key): ExportTotal => {
    const named = (opening.get(key) ?? movement.get(key) ?? closing.get(key))!;
    const [start, moved, end] = [opening, movement, closing].map((sums) => sums.get(key)?.amount ?? 0n) as [bigint, bigint, bigint];
    return { currency: named.currency, decimals: named.decimals, account: named.account, opening: start, movement: moved, closing: end, reconciled: start + moved === end };
  });
  const order = (account: ExportAccount) => EXPORT_ACCOUNTS.indexOf(account);
  return totals.sort((a, b) => (a.currency === b.currency ? order(a.account) - order(b.account) : a.currency < b.currency ? -1 : 1));
};
