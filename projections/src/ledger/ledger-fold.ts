import { parseConversionPoolEvent, parsePayoutAccumulationEvent, parsePayoutEvent, parseSplitEvent, type RecordedEvent } from '@paygate/domain';
import { allocationProblem, conversionOf, conversionReceived, type Conversion } from './conversion-checks.ts';
import { ledgerOf, totalsIn, type Totals } from './ledger-accounts.ts';
import { LEDGER_EVENT_TYPES, type Ledger, type LedgerEventProblem } from './ledger-types.ts';
import { createPendingShares, type Payout } from './pending-shares.ts';

export type LedgerFold = {
  /** Folds one recorded event in (any type; those the ledger does not read are passed over). */
  add(event: RecordedEvent): void;
  /** The ledger of everything added so far; adding more afterwards does not change it. */
  ledger(): Ledger;
};

type Problem = (reason: string) => void;

/**
 * An independent ledger over the raw log, sharing no code with the read models it checks: every
 * share is tracked by its payment (and currency) until a conversion takes it or an owner payout
 * carrying that payment is sent; every conversion's allocation to a channel is tracked until an
 * owner payout in its currency carrying its payments is sent. So pending is summed from shares
 * and allocations themselves, and `received + convertedIn = fees + convertedOut + paidOut +
 * pending` is a real check of the PayoutSent and ConversionStarted amounts against what they
 * carried. Each allocation is checked against the allocation rule (largest remainder) over the
 * conversion's output. Incremental, so a caller can page through `$all` and take the ledger at
 * any position. A refund's SplitReversed takes its split back (received and fees down, a
 * negative item beside the share), so the identity holds whether the share was paid or not.
 */
export const createLedgerFold = (): LedgerFold => {
  const pending = createPendingShares();
  const totals = new Map<string, Totals>();
  const payouts = new Map<string, Payout>();
  const conversions = new Map<string, Conversion>();
  const owners = new Map<string, string>();
  const problems: LedgerEventProblem[] = [];
  let events = 0;

  const totalsOf = (channelId: string, currency: string, decimals: number): Totals => totalsIn(totals, channelId, currency, decimals);
  const payoutOf = (payoutId: string): Payout => {
    let found = payouts.get(payoutId);
    if (!found) payouts.set(payoutId, (found = { paymentIds: new Set(), sent: false }));
    return found;
  };

  const conversionStarted = (recorded: RecordedEvent, problem: Problem): void => {
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
      for (const paymentId of part.paymentIds) pending.convert(conversionId, part.channelId, part.amount.currency, paymentId, problem);
    }
    if (sum !== conversion.amount) problem(`conversion ${conversionId} is for ${amount.amount}, but its shares sum to ${sum}`);
  };

  const allocated = (recorded: RecordedEvent, problem: Problem): void => {
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
    pending.addAllocation({ channelId, currency: amount.currency, decimals: amount.decimals, amount: units, paymentIds: [...paymentIds] });
  };

  const conversionSent = (payoutId: string, amount: { amount: string; currency: string }, received: { amount: string; currency: string; decimals: number }, problem: Problem) => {
    const conversion = conversions.get(payoutId);
    if (!conversion) return problem(`conversion ${payoutId} was sent but no conversion pool started it`);
    if (amount.currency !== conversion.currency || BigInt(amount.amount) !== conversion.amount) {
      problem(`conversion ${payoutId} sent ${amount.amount} ${amount.currency}; the pool started it with ${conversion.amount} ${conversion.currency}`);
    }
    const reason = conversionReceived(conversion, received);
    if (reason !== undefined) problem(reason);
  };

  const apply = (recorded: RecordedEvent, problem: Problem): void => {
    switch (recorded.type) {
      case 'SplitCalculated': {
        const { paymentId, channelId, ownerId, gross, fee, ownerShare } = parseSplitEvent(recorded).data;
        if (!pending.split(paymentId)) return problem(`payment ${paymentId} was split before; this split is not counted`);
        if (ownerId !== undefined) owners.set(channelId, ownerId);
        const account = totalsOf(channelId, gross.currency, gross.decimals);
        account.received += BigInt(gross.amount);
        account.fees += BigInt(fee.amount);
        pending.addShare(paymentId, channelId, ownerShare);
        return;
      }
      case 'SplitReversed': {
        const { paymentId, channelId, gross, fee, ownerShare } = parseSplitEvent(recorded).data;
        const reversed = pending.reverse(paymentId, channelId, ownerShare);
        if (reversed === 'not_split') return problem(`payment ${paymentId} was reversed but never split; this reversal is not counted`);
        if (reversed === 'reversed_before') return problem(`payment ${paymentId} was reversed before; this reversal is not counted`);
        const account = totalsOf(channelId, gross.currency, gross.decimals);
        account.received -= BigInt(gross.amount);
        account.fees -= BigInt(fee.amount);
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
        pending.pay(payoutId, payout.paymentIds, amount.currency, problem);
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
    ledger: () =>
      ledgerOf({ items: pending.items(), totals, payouts, conversions: [...conversions.values()].map(conversionOf), owners, problems: [...problems], events }),
  };
};

/** The ledger of a whole list of events (for tests and small logs). */
export const foldLedger = (events: Iterable<RecordedEvent>): Ledger => {
  const fold = createLedgerFold();
  for (const event of events) fold.add(event);
  return fold.ledger();
};
