import { parsePayoutAccumulationEvent, parsePayoutEvent, parseSplitEvent, type RecordedEvent } from '@paygate/domain';

/** The events the ledger reads; every other type in the log is passed over. */
export const LEDGER_EVENT_TYPES = ['SplitCalculated', 'PayoutAccumulated', 'BatchPayoutStarted', 'PayoutStarted', 'PayoutSent', 'PayoutFailed'] as const;

/** Amounts of one channel in one settled currency, in minor units. */
export type LedgerAccount = {
  channelId: string;
  /** The channel's owner as the latest split or payout named it; null when none did. */
  ownerId: string | null;
  currency: string;
  decimals: number;
  received: bigint;
  fees: bigint;
  paidOut: bigint;
  /** Owner shares not carried by a sent payout, summed share by share (not received − fees − paidOut). */
  pending: bigint;
  /** The part of pending carried by a payout that started and was not sent (failed ones included). */
  inPayout: bigint;
};

/** One owner's accounts in one currency, summed over their channels. */
export type OwnerLedger = Omit<LedgerAccount, 'channelId'> & { channels: string[] };

/** An event the ledger could not account for as it stands. */
export type LedgerEventProblem = { eventId: string; streamId: string; type: string; reason: string };

export type Ledger = { accounts: LedgerAccount[]; owners: OwnerLedger[]; problems: LedgerEventProblem[]; events: number };

type Share = { channelId: string; ownerId: string | null; currency: string; decimals: number; amount: bigint };
type Totals = { channelId: string; currency: string; decimals: number; received: bigint; fees: bigint; paidOut: bigint };
type Payout = { paymentIds: Set<string>; sent: boolean };

const accountKey = (channelId: string, currency: string) => JSON.stringify([channelId, currency]);

export type LedgerFold = {
  /** Folds one recorded event in (any type; those the ledger does not read are passed over). */
  add(event: RecordedEvent): void;
  /** The ledger of everything added so far; adding more afterwards does not change it. */
  ledger(): Ledger;
};

/**
 * An independent ledger over the raw log, sharing no code with the read models it checks: every
 * share is tracked by its payment until a payout carrying that payment is sent, so pending is
 * summed from the shares themselves and `received = fees + paidOut + pending` is a real check
 * of the PayoutSent amounts against the shares they paid. Incremental, so a caller can page
 * through `$all` and take the ledger at any position.
 */
export const createLedgerFold = (): LedgerFold => {
  const shares = new Map<string, Share>();
  const totals = new Map<string, Totals>();
  const payouts = new Map<string, Payout>();
  const sentPayments = new Set<string>();
  const owners = new Map<string, string>();
  const problems: LedgerEventProblem[] = [];
  let events = 0;

  const totalsOf = (channelId: string, currency: string, decimals: number): Totals => {
    const key = accountKey(channelId, currency);
    let found = totals.get(key);
    if (!found) totals.set(key, (found = { channelId, currency, decimals, received: 0n, fees: 0n, paidOut: 0n }));
    return found;
  };
  const payoutOf = (payoutId: string): Payout => {
    let found = payouts.get(payoutId);
    if (!found) payouts.set(payoutId, (found = { paymentIds: new Set(), sent: false }));
    return found;
  };

  const apply = (recorded: RecordedEvent, problem: (reason: string) => void): void => {
    switch (recorded.type) {
      case 'SplitCalculated': {
        const { paymentId, channelId, ownerId, gross, fee, ownerShare } = parseSplitEvent(recorded).data;
        if (shares.has(paymentId)) return problem(`payment ${paymentId} was split before; this split is not counted`);
        if (ownerId !== undefined) owners.set(channelId, ownerId);
        const account = totalsOf(channelId, gross.currency, gross.decimals);
        account.received += BigInt(gross.amount);
        account.fees += BigInt(fee.amount);
        shares.set(paymentId, { channelId, ownerId: ownerId ?? null, currency: ownerShare.currency, decimals: ownerShare.decimals, amount: BigInt(ownerShare.amount) });
        return;
      }
      case 'PayoutAccumulated':
        // Checked for shape only: the balance stream moves shares, it does not create or pay any.
        parsePayoutAccumulationEvent(recorded);
        return;
      case 'BatchPayoutStarted':
      case 'PayoutStarted': {
        const event = recorded.type === 'PayoutStarted' ? parsePayoutEvent(recorded) : parsePayoutAccumulationEvent(recorded);
        if (event.type !== 'BatchPayoutStarted' && event.type !== 'PayoutStarted') return;
        if (event.type === 'PayoutStarted') owners.set(event.data.channelId, event.data.ownerId);
        const payout = payoutOf(event.data.payoutId);
        for (const paymentId of event.data.paymentIds) payout.paymentIds.add(paymentId);
        return;
      }
      case 'PayoutSent': {
        const event = parsePayoutEvent(recorded);
        if (event.type !== 'PayoutSent') return;
        const { payoutId, channelId, ownerId, amount } = event.data;
        owners.set(channelId, ownerId);
        const payout = payouts.get(payoutId);
        if (!payout) return problem(`payout ${payoutId} was sent but never started: no share is known to leave with it`);
        if (payout.sent) return problem(`payout ${payoutId} was sent before; this PayoutSent is not counted`);
        payout.sent = true;
        if (BigInt(amount.amount) <= 0n) problem(`payout ${payoutId} was sent for ${amount.amount}, not a positive amount`);
        totalsOf(channelId, amount.currency, amount.decimals).paidOut += BigInt(amount.amount);
        for (const paymentId of payout.paymentIds) {
          if (!shares.has(paymentId)) problem(`payout ${payoutId} carries payment ${paymentId}, which has no split`);
          else if (sentPayments.has(paymentId)) problem(`payment ${paymentId} was already paid by another sent payout`);
          sentPayments.add(paymentId);
        }
        return;
      }
      case 'PayoutFailed':
        // A failed payout keeps its shares (pending, in payout) until it is resumed and sent.
        parsePayoutEvent(recorded);
        return;
      default:
        return;
    }
  };

  return {
    add(recorded) {
      if (!(LEDGER_EVENT_TYPES as readonly string[]).includes(recorded.type)) return;
      events += 1;
      const problem = (reason: string) => void problems.push({ eventId: recorded.id, streamId: recorded.streamId, type: recorded.type, reason });
      try {
        apply(recorded, problem);
      } catch (error) {
        problem(`not a valid ${recorded.type}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    ledger: () => ledgerOf({ shares, totals, payouts, sentPayments, owners, problems: [...problems], events }),
  };
};

type FoldState = {
  shares: ReadonlyMap<string, Share>;
  totals: ReadonlyMap<string, Totals>;
  payouts: ReadonlyMap<string, Payout>;
  sentPayments: ReadonlySet<string>;
  owners: ReadonlyMap<string, string>;
  problems: LedgerEventProblem[];
  events: number;
};

const compareText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** Derives the accounts from the fold's state: pending and in payout share by share. */
const ledgerOf = ({ shares, totals, payouts, sentPayments, owners, problems, events }: FoldState): Ledger => {
  const accounts = new Map<string, LedgerAccount>();
  const accountOf = (channelId: string, currency: string, decimals: number): LedgerAccount => {
    const key = accountKey(channelId, currency);
    let found = accounts.get(key);
    if (!found) {
      const { received = 0n, fees = 0n, paidOut = 0n } = totals.get(key) ?? {};
      accounts.set(key, (found = { channelId, ownerId: owners.get(channelId) ?? null, currency, decimals, received, fees, paidOut, pending: 0n, inPayout: 0n }));
    }
    return found;
  };
  for (const { channelId, currency, decimals } of totals.values()) accountOf(channelId, currency, decimals);
  const inUnsentPayout = new Set<string>();
  for (const payout of payouts.values()) if (!payout.sent) for (const paymentId of payout.paymentIds) inUnsentPayout.add(paymentId);
  for (const [paymentId, share] of shares) {
    if (sentPayments.has(paymentId)) continue;
    const account = accountOf(share.channelId, share.currency, share.decimals);
    account.pending += share.amount;
    if (inUnsentPayout.has(paymentId)) account.inPayout += share.amount;
  }
  const sorted = [...accounts.values()].sort((a, b) => compareText(a.channelId, b.channelId) || compareText(a.currency, b.currency));
  return { accounts: sorted, owners: byOwner(sorted), problems, events };
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
    found.pending += account.pending;
    found.inPayout += account.inPayout;
    found.channels.push(channelId);
  }
  return [...owners.values()].sort((a, b) => compareText(a.ownerId, b.ownerId) || compareText(a.currency, b.currency));
};

/** The ledger of a whole list of events (for tests and small logs). */
export const foldLedger = (events: Iterable<RecordedEvent>): Ledger => {
  const fold = createLedgerFold();
  for (const event of events) fold.add(event);
  return fold.ledger();
};
