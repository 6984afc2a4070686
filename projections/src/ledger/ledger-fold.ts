import { allocateConversion, parseConversionPoolEvent, parsePayoutAccumulationEvent, parsePayoutEvent, parseSplitEvent, type RecordedEvent } from '@paygate/domain';

/** The events the ledger reads; every other type in the log is passed over. */
export const LEDGER_EVENT_TYPES = ['SplitCalculated', 'ConversionStarted', 'PayoutAccumulated', 'BatchPayoutStarted', 'PayoutStarted', 'PayoutSent', 'PayoutFailed'] as const;

/** Amounts of one channel in one currency, in minor units: received + convertedIn = fees + convertedOut + paidOut + pending. */
export type LedgerAccount = {
  channelId: string;
  /** The channel's owner as the latest split or payout named it; null when none did. */
  ownerId: string | null;
  currency: string;
  decimals: number;
  received: bigint;
  fees: bigint;
  paidOut: bigint;
  /** Stable coin allocated to this channel from conversions (as the allocations say). */
  convertedIn: bigint;
  /** Shares that left in a conversion (as each ConversionStarted says for this channel). */
  convertedOut: bigint;
  /**
   * Owner shares and conversion allocations not carried by a sent owner payout (nor, for a share,
   * by a started conversion), summed one by one — not received + convertedIn − fees − convertedOut − paidOut.
   */
  pending: bigint;
  /** The part of pending carried by a payout that started and was not sent (failed ones included). */
  inPayout: bigint;
};

/** One owner's accounts in one currency, summed over their channels. */
export type OwnerLedger = Omit<LedgerAccount, 'channelId'> & { channels: string[] };

/**
 * One micro-batched conversion: what left the pool, what came back when it was sent (null
 * before), and how much of that the allocations so far gave to channels. `allocated` below
 * `received` is an allocation still on its way; each allocation is checked against the rule as it comes.
 */
export type LedgerConversion = {
  conversionId: string;
  currency: string;
  decimals: number;
  amount: bigint;
  toCurrency: string;
  /** Decimals of toCurrency, known once the conversion was sent. */
  toDecimals: number | null;
  received: bigint | null;
  allocated: bigint;
  /** Channels whose shares went in, and how many of them got their allocation. */
  channels: number;
  allocations: number;
};

/** An event the ledger could not account for as it stands. */
export type LedgerEventProblem = { eventId: string; streamId: string; type: string; reason: string };

export type Ledger = { accounts: LedgerAccount[]; owners: OwnerLedger[]; conversions: LedgerConversion[]; problems: LedgerEventProblem[]; events: number };

/** How a share or an allocation left pending: paid by an owner payout, or (a share) converted. */
type Gone = { how: 'paid' | 'converted'; by: string };
/** Something pending for a channel: an owner share (one payment) or a conversion's allocation (its payments). */
type Item = { channelId: string; currency: string; decimals: number; amount: bigint; paymentIds: readonly string[]; gone?: Gone };
type Totals = { channelId: string; currency: string; decimals: number; received: bigint; fees: bigint; paidOut: bigint; convertedIn: bigint; convertedOut: bigint };
type Payout = { paymentIds: Set<string>; currency?: string; purpose?: 'conversion'; sent: boolean };
type Conversion = {
  conversionId: string;
  currency: string;
  decimals: number;
  amount: bigint;
  toCurrency: string;
  /** Each channel's shares that went in, in the order of the event. */
  shares: Map<string, bigint>;
  received?: { amount: bigint; currency: string; decimals: number };
  /** What the allocation rule gives each channel of `received`. */
  expected?: Map<string, bigint>;
  allocated: Map<string, bigint>;
};

const accountKey = (channelId: string, currency: string) => JSON.stringify([channelId, currency]);
/** Shares are keyed by payment and currency: a converted payment's allocation is in another currency than its share. */
const paymentKey = (paymentId: string, currency: string) => JSON.stringify([paymentId, currency]);

/** What is wrong with a conversion's allocation to a channel, if anything: checked against the conversion and the allocation rule. */
const allocationProblem = (conversion: Conversion, channelId: string, units: bigint, currency: string, from: { amount: string; currency: string }): string | undefined => {
  const { conversionId } = conversion;
  const share = conversion.shares.get(channelId);
  if (share === undefined) return `conversion ${conversionId} is allocated to channel ${channelId}, whose shares did not go into it`;
  if (from.currency !== conversion.currency || BigInt(from.amount) !== share) {
    return `conversion ${conversionId}'s allocation to channel ${channelId} says ${from.amount} ${from.currency} went in; the conversion took ${share} ${conversion.currency}`;
  }
  if (!conversion.received || !conversion.expected) return `conversion ${conversionId} is allocated to channel ${channelId} before it was sent`;
  if (currency !== conversion.received.currency) return `conversion ${conversionId} gave ${conversion.received.currency}; its allocation to channel ${channelId} is in ${currency}`;
  const expected = conversion.expected.get(channelId) ?? 0n;
  if (units !== expected) return `conversion ${conversionId}'s allocation to channel ${channelId} is ${units}; the allocation rule gives it ${expected} of ${conversion.received.amount}`;
  return undefined;
};

export type LedgerFold = {
  /** Folds one recorded event in (any type; those the ledger does not read are passed over). */
  add(event: RecordedEvent): void;
  /** The ledger of everything added so far; adding more afterwards does not change it. */
  ledger(): Ledger;
};

/**
 * An independent ledger over the raw log, sharing no code with the read models it checks: every
 * share is tracked by its payment (and currency) until a conversion takes it or an owner payout
 * carrying that payment is sent; every conversion's allocation to a channel is tracked until an
 * owner payout in its currency carrying its payments is sent. So pending is summed from shares
 * and allocations themselves, and `received + convertedIn = fees + convertedOut + paidOut +
 * pending` is a real check of the PayoutSent and ConversionStarted amounts against what they
 * carried. Each allocation is checked against the allocation rule (largest remainder) over the
 * conversion's output. Incremental, so a caller can page through `$all` and take the ledger at
 * any position.
 */
export const createLedgerFold = (): LedgerFold => {
  const splitPayments = new Set<string>();
  /** Shares by paymentKey; allocations by paymentKey of each payment they carry (in their currency). */
  const shares = new Map<string, Item>();
  const allocations = new Map<string, Item>();
  const allocationItems: Item[] = [];
  const totals = new Map<string, Totals>();
  const payouts = new Map<string, Payout>();
  const conversions = new Map<string, Conversion>();
  const owners = new Map<string, string>();
  const problems: LedgerEventProblem[] = [];
  let events = 0;

  const totalsOf = (channelId: string, currency: string, decimals: number): Totals => {
    const key = accountKey(channelId, currency);
    let found = totals.get(key);
    if (!found) totals.set(key, (found = { channelId, currency, decimals, received: 0n, fees: 0n, paidOut: 0n, convertedIn: 0n, convertedOut: 0n }));
    return found;
  };
  const payoutOf = (payoutId: string): Payout => {
    let found = payouts.get(payoutId);
    if (!found) payouts.set(payoutId, (found = { paymentIds: new Set(), sent: false }));
    return found;
  };
  const goneText = (gone: Gone) => (gone.how === 'paid' ? `was already paid by another sent payout` : `was already converted (${gone.by})`);

  const conversionStarted = (recorded: RecordedEvent, problem: (reason: string) => void): void => {
    const event = parseConversionPoolEvent(recorded);
    if (event.type !== 'ConversionStarted') return;
    const { conversionId, amount, toCurrency, shares: parts } = event.data;
    if (conversions.has(conversionId)) return problem(`conversion ${conversionId} was started before; this ConversionStarted is not counted`);
    const conversion: Conversion = { conversionId, currency: amount.currency, decimals: amount.decimals, amount: BigInt(amount.amount), toCurrency, shares: new Map(), allocated: new Map() };
    conversions.set(conversionId, conversion);
    let sum = 0n;
    for (const part of parts) {
      const units = BigInt(part.amount.amount);
      sum += units;
      if (part.amount.currency !== amount.currency) problem(`conversion ${conversionId} takes ${part.channelId}'s shares in ${part.amount.currency}, not ${amount.currency}`);
      if (conversion.shares.has(part.channelId)) problem(`conversion ${conversionId} names channel ${part.channelId} twice`);
      conversion.shares.set(part.channelId, (conversion.shares.get(part.channelId) ?? 0n) + units);
      totalsOf(part.channelId, part.amount.currency, part.amount.decimals).convertedOut += units;
      for (const paymentId of part.paymentIds) {
        const share = shares.get(paymentKey(paymentId, part.amount.currency));
        if (!share) problem(`conversion ${conversionId} carries payment ${paymentId}, which has no split in ${part.amount.currency}`);
        else if (share.channelId !== part.channelId) problem(`conversion ${conversionId} carries payment ${paymentId} for channel ${part.channelId}, but it is channel ${share.channelId}'s`);
        else if (share.gone) problem(`payment ${paymentId} ${goneText(share.gone)}; conversion ${conversionId} carries it again`);
        else share.gone = { how: 'converted', by: conversionId };
      }
    }
    if (sum !== conversion.amount) problem(`conversion ${conversionId} is for ${amount.amount}, but its shares sum to ${sum}`);
  };

  const allocated = (recorded: RecordedEvent, problem: (reason: string) => void): void => {
    const event = parsePayoutAccumulationEvent(recorded);
    // A share accumulated as it was: the balance stream moves it, it does not create or pay any.
    if (event.type !== 'PayoutAccumulated' || event.data.from === undefined) return;
    const { channelId, conversionId, paymentIds, amount, from } = event.data;
    const units = BigInt(amount.amount);
    const conversion = conversions.get(conversionId);
    if (conversion?.allocated.has(channelId)) return problem(`conversion ${conversionId} was allocated to channel ${channelId} before; this allocation is not counted`);
    if (!conversion) problem(`allocation to channel ${channelId} from conversion ${conversionId}, which never started`);
    else {
      conversion.allocated.set(channelId, units);
      const reason = allocationProblem(conversion, channelId, units, amount.currency, from);
      if (reason !== undefined) problem(reason);
    }
    totalsOf(channelId, amount.currency, amount.decimals).convertedIn += units;
    const allocation: Item = { channelId, currency: amount.currency, decimals: amount.decimals, amount: units, paymentIds: [...paymentIds] };
    allocationItems.push(allocation);
    for (const paymentId of paymentIds) allocations.set(paymentKey(paymentId, amount.currency), allocation);
  };

  const conversionSent = (payoutId: string, amount: { amount: string; currency: string }, received: { amount: string; currency: string; decimals: number }, problem: (reason: string) => void) => {
    const conversion = conversions.get(payoutId);
    if (!conversion) return problem(`conversion ${payoutId} was sent but no conversion pool started it`);
    if (amount.currency !== conversion.currency || BigInt(amount.amount) !== conversion.amount) {
      problem(`conversion ${payoutId} sent ${amount.amount} ${amount.currency}; the pool started it with ${conversion.amount} ${conversion.currency}`);
    }
    conversion.received = { amount: BigInt(received.amount), currency: received.currency, decimals: received.decimals };
    try {
      const rule = allocateConversion([...conversion.shares].map(([channelId, units]) => ({ ownerId: channelId, amount: units })), conversion.received.amount);
      conversion.expected = new Map(rule.map((part) => [part.ownerId, part.amount]));
    } catch (error) {
      conversion.expected = new Map();
      problem(`conversion ${payoutId} cannot be allocated: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const apply = (recorded: RecordedEvent, problem: (reason: string) => void): void => {
    switch (recorded.type) {
      case 'SplitCalculated': {
        const { paymentId, channelId, ownerId, gross, fee, ownerShare } = parseSplitEvent(recorded).data;
        if (splitPayments.has(paymentId)) return problem(`payment ${paymentId} was split before; this split is not counted`);
        splitPayments.add(paymentId);
        if (ownerId !== undefined) owners.set(channelId, ownerId);
        const account = totalsOf(channelId, gross.currency, gross.decimals);
        account.received += BigInt(gross.amount);
        account.fees += BigInt(fee.amount);
        shares.set(paymentKey(paymentId, ownerShare.currency), {
          channelId,
          currency: ownerShare.currency,
          decimals: ownerShare.decimals,
          amount: BigInt(ownerShare.amount),
          paymentIds: [paymentId],
        });
        return;
      }
      case 'ConversionStarted':
        return conversionStarted(recorded, problem);
      case 'PayoutAccumulated':
        return allocated(recorded, problem);
      case 'BatchPayoutStarted':
      case 'PayoutStarted': {
        const event = recorded.type === 'PayoutStarted' ? parsePayoutEvent(recorded) : parsePayoutAccumulationEvent(recorded);
        if (event.type !== 'BatchPayoutStarted' && event.type !== 'PayoutStarted') return;
        const payout = payoutOf(event.data.payoutId);
        if (event.type === 'PayoutStarted') {
          if (event.data.ownerId !== undefined) owners.set(event.data.channelId, event.data.ownerId);
          if (event.data.purpose === 'conversion') payout.purpose = 'conversion';
        }
        payout.currency ??= event.data.amount.currency;
        for (const paymentId of event.data.paymentIds) payout.paymentIds.add(paymentId);
        return;
      }
      case 'PayoutSent': {
        const event = parsePayoutEvent(recorded);
        if (event.type !== 'PayoutSent') return;
        const { payoutId, channelId, ownerId, purpose, amount, received } = event.data;
        const payout = payouts.get(payoutId);
        if (!payout) return problem(`payout ${payoutId} was sent but never started: no share is known to leave with it`);
        if (payout.sent) return problem(`payout ${payoutId} was sent before; this PayoutSent is not counted`);
        payout.sent = true;
        if (BigInt(amount.amount) <= 0n) problem(`payout ${payoutId} was sent for ${amount.amount}, not a positive amount`);
        // A conversion pays the host wallet; its shares left pending when it started (convertedOut).
        if (purpose === 'conversion' || payout.purpose === 'conversion') return conversionSent(payoutId, amount, received, problem);
        if (ownerId === undefined) problem(`payout ${payoutId} was sent to no owner, and it is no conversion`);
        else owners.set(channelId, ownerId);
        totalsOf(channelId, amount.currency, amount.decimals).paidOut += BigInt(amount.amount);
        const carried = new Set<Item>();
        for (const paymentId of payout.paymentIds) {
          const key = paymentKey(paymentId, amount.currency);
          const item = shares.get(key) ?? allocations.get(key);
          if (!item) {
            problem(`payout ${payoutId} carries payment ${paymentId}, which has no split${splitPayments.has(paymentId) ? ` nor allocation in ${amount.currency}` : ''}`);
            continue;
          }
          if (carried.has(item)) continue;
          carried.add(item);
          if (item.gone) problem(`payment ${paymentId} ${goneText(item.gone)}`);
          item.gone = { how: 'paid', by: payoutId };
        }
        for (const item of carried) {
          const missing = item.paymentIds.filter((paymentId) => !payout.paymentIds.has(paymentId));
          if (missing.length > 0) problem(`payout ${payoutId} pays an allocation to channel ${item.channelId} without its payments ${missing.join(', ')}`);
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
    ledger: () => ledgerOf({ shares, allocations: allocationItems, totals, payouts, conversions, owners, problems: [...problems], events }),
  };
};

type FoldState = {
  shares: ReadonlyMap<string, Item>;
  allocations: readonly Item[];
  totals: ReadonlyMap<string, Totals>;
  payouts: ReadonlyMap<string, Payout>;
  conversions: ReadonlyMap<string, Conversion>;
  owners: ReadonlyMap<string, string>;
  problems: LedgerEventProblem[];
  events: number;
};

const compareText = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

const conversionOf = (conversion: Conversion): LedgerConversion => ({
  conversionId: conversion.conversionId,
  currency: conversion.currency,
  decimals: conversion.decimals,
  amount: conversion.amount,
  toCurrency: conversion.received?.currency ?? conversion.toCurrency,
  toDecimals: conversion.received?.decimals ?? null,
  received: conversion.received?.amount ?? null,
  allocated: [...conversion.allocated.values()].reduce((sum, units) => sum + units, 0n),
  channels: conversion.shares.size,
  allocations: conversion.allocated.size,
});

/** Derives the accounts from the fold's state: pending and in payout share by share, allocation by allocation. */
const ledgerOf = ({ shares, allocations, totals, payouts, conversions, owners, problems, events }: FoldState): Ledger => {
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
  const inUnsentPayout = new Set<string>();
  for (const payout of payouts.values()) {
    if (payout.sent || payout.purpose === 'conversion' || payout.currency === undefined) continue;
    for (const paymentId of payout.paymentIds) inUnsentPayout.add(paymentKey(paymentId, payout.currency));
  }
  for (const item of [...shares.values(), ...allocations]) {
    if (item.gone) continue;
    const account = accountOf(item.channelId, item.currency, item.decimals);
    account.pending += item.amount;
    if (item.paymentIds.some((paymentId) => inUnsentPayout.has(paymentKey(paymentId, item.currency)))) account.inPayout += item.amount;
  }
  const sorted = [...accounts.values()].sort((a, b) => compareText(a.channelId, b.channelId) || compareText(a.currency, b.currency));
  return { accounts: sorted, owners: byOwner(sorted), conversions: [...conversions.values()].map(conversionOf), problems, events };
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

/** The ledger of a whole list of events (for tests and small logs). */
export const foldLedger = (events: Iterable<RecordedEvent>): Ledger => {
  const fold = createLedgerFold();
  for (const event of events) fold.add(event);
  return fold.ledger();
};
