import {
  parseConversionPoolEvent,
  parsePaymentEvent,
  parsePayoutAccumulationEvent,
  parsePayoutEvent,
  parseSplitEvent,
  type RecordedEvent,
} from '@paygate/domain';
import { entries, units, type SplitAmounts } from './entry-lines.ts';
import type { LedgerEntry } from './ledger-entry.ts';

/** A payout followed from its start to its PayoutSent: the payments it carries and how it went on chain. */
type PayoutTrail = { paymentIds: Set<string>; purpose?: 'conversion'; exchangeId?: string; swapTx?: string };
/** A conversion: which channels got their allocation so far, and how it went on chain once sent. */
type ConversionTrail = { allocated: Set<string>; txHash?: string; payoutHash?: string; exchangeId?: string };

export type LedgerEntryMapper = {
  /** The entries one recorded event makes (none for most events), in the order of the log. */
  entriesOf(event: RecordedEvent): LedgerEntry[];
};

/**
 * Maps the log onto ledger entries, event by event, counting exactly what the ledger fold of
 * `paygate ledger check` counts (projections/src/ledger/ledger-fold.ts): every entry of an event
 * keeps received + convertedIn = fees + convertedOut + paidOut + pending, and an event the fold
 * does not count (a second split of a payment, a payout sent twice or never started, a conversion
 * started or allocated twice, a refund of a payment never split or refunded before) makes none. Its state is what links a later event to an earlier
 * one (a payout's payments and exchange, a payment's PaymentReceived or DonationReceived until its split), dropped as
 * soon as the link is made where the log allows it.
 */
export const createLedgerEntryMapper = (): LedgerEntryMapper => {
  const receivedBy = new Map<string, string>();
  /** Payments received as donations (DonationReceived) not split yet: their received line says 'donation'. */
  const donations = new Set<string>();
  const split = new Set<string>();
  const reversed = new Set<string>();
  const owners = new Map<string, string>();
  const payouts = new Map<string, PayoutTrail>();
  const conversions = new Map<string, ConversionTrail>();
  const ownerOf = (channelId: string, named?: string) => named ?? owners.get(channelId) ?? null;
  const payoutOf = (payoutId: string): PayoutTrail => {
    let found = payouts.get(payoutId);
    if (!found) payouts.set(payoutId, (found = { paymentIds: new Set() }));
    return found;
  };

  const splitEntries = (event: RecordedEvent): LedgerEntry[] => {
    const { paymentId, invoiceId, channelId, ownerId, gross, fee, ownerShare } = parseSplitEvent(event).data;
    if (split.has(paymentId)) return [];
    split.add(paymentId);
    if (ownerId !== undefined) owners.set(channelId, ownerId);
    const paymentEventId = receivedBy.get(paymentId) ?? null;
    const movement = donations.has(paymentId) ? 'donation' : 'payment';
    receivedBy.delete(paymentId);
    donations.delete(paymentId);
    return entries(event, { ownerId: ownerOf(channelId, ownerId), channelId, paymentIds: [paymentId], invoiceId, paymentEventId }, [
      { movement, account: 'received', money: units(gross) },
      { movement: 'fee', account: 'fees', money: units(fee) },
      { movement: 'owner share', account: 'pending', money: units(ownerShare) },
    ]);
  };

  /** A refund takes the split back whole, once, and only a split that was counted (as the fold does). */
  const splitReversed = (event: RecordedEvent): LedgerEntry[] => {
    const { paymentId, invoiceId, channelId, ownerId, gross, fee, ownerShare } = (parseSplitEvent(event) as { data: SplitAmounts }).data;
    if (!split.has(paymentId) || reversed.has(paymentId)) return [];
    reversed.add(paymentId);
    return entries(event, { ownerId: ownerOf(channelId, ownerId), channelId, paymentIds: [paymentId], invoiceId }, [
      { movement: 'refund', account: 'received', money: units(gross), sign: -1n },
      { movement: 'refund', account: 'fees', money: units(fee), sign: -1n },
      { movement: 'refund', account: 'pending', money: units(ownerShare), sign: -1n },
    ]);
  };

  const conversionStarted = (event: RecordedEvent): LedgerEntry[] => {
    const parsed = parseConversionPoolEvent(event);
    if (parsed.type !== 'ConversionStarted' || conversions.has(parsed.data.conversionId)) return [];
    const { conversionId, shares } = parsed.data;
    conversions.set(conversionId, { allocated: new Set() });
    return shares.flatMap(({ channelId, paymentIds, amount }, index) =>
      entries(event, { ownerId: ownerOf(channelId), channelId, paymentIds, payoutId: conversionId }, [
        { movement: 'conversion out', account: 'convertedOut', money: units(amount) },
        { movement: 'conversion out', account: 'pending', money: units(amount), sign: -1n },
      ], 2 * index),
    );
  };

  const allocated = (event: RecordedEvent): LedgerEntry[] => {
    const parsed = parsePayoutAccumulationEvent(event);
    if (parsed.type !== 'PayoutAccumulated' || parsed.data.from === undefined) return [];
    const { channelId, conversionId, paymentIds, amount } = parsed.data;
    const conversion = conversions.get(conversionId);
    if (conversion?.allocated.has(channelId)) return [];
    conversion?.allocated.add(channelId);
    const { txHash = null, payoutHash = null, exchangeId = null } = conversion ?? {};
    return entries(event, { ownerId: ownerOf(channelId), channelId, paymentIds, payoutId: conversionId, txHash, payoutHash, exchangeId }, [
      { movement: 'conversion in', account: 'convertedIn', money: units(amount) },
      { movement: 'conversion in', account: 'pending', money: units(amount) },
    ]);
  };

  const payoutEvent = (event: RecordedEvent): LedgerEntry[] => {
    const parsed = parsePayoutEvent(event);
    if (parsed.type === 'PayoutStarted') {
      const payout = payoutOf(parsed.data.payoutId);
      if (parsed.data.ownerId !== undefined) owners.set(parsed.data.channelId, parsed.data.ownerId);
      if (parsed.data.purpose === 'conversion') payout.purpose = 'conversion';
      for (const paymentId of parsed.data.paymentIds) payout.paymentIds.add(paymentId);
    }
    const trail = payouts.get(parsed.data.payoutId);
    if (parsed.type === 'SwapCreated' && trail) trail.exchangeId = parsed.data.exchangeId;
    if (parsed.type === 'SwapExecuted' && trail) trail.swapTx = parsed.data.txHash;
    if (parsed.type !== 'PayoutSent') return [];
    const { payoutId, channelId, ownerId, purpose, amount, payoutHash, received } = parsed.data;
    const payout = payouts.get(payoutId);
    if (!payout) return [];
    payouts.delete(payoutId);
    const { exchangeId = null } = payout;
    // On the direct route our own transfer is the one that reached the wallet.
    const txHash = payout.swapTx ?? (payout.exchangeId === undefined ? payoutHash : null);
    if (purpose === 'conversion' || payout.purpose === 'conversion') {
      const conversion = conversions.get(payoutId);
      if (conversion) Object.assign(conversion, { txHash, payoutHash, exchangeId });
      return [];
    }
    if (ownerId !== undefined) owners.set(channelId, ownerId);
    const links = { ownerId: ownerOf(channelId, ownerId), channelId, paymentIds: [...payout.paymentIds], payoutId, txHash, payoutHash, exchangeId, delivered: units(received) };
    return entries(event, links, [
      { movement: 'payout', account: 'paidOut', money: units(amount) },
      { movement: 'payout', account: 'pending', money: units(amount), sign: -1n },
    ]);
  };

  const map = (event: RecordedEvent): LedgerEntry[] => {
    switch (event.type) {
      case 'PaymentReceived':
      case 'DonationReceived': {
        const parsed = parsePaymentEvent(event);
        if ((parsed.type !== 'PaymentReceived' && parsed.type !== 'DonationReceived') || split.has(parsed.data.paymentId)) return [];
        receivedBy.set(parsed.data.paymentId, event.id);
        if (parsed.type === 'DonationReceived') donations.add(parsed.data.paymentId);
        return [];
      }
      case 'SplitCalculated':
        return splitEntries(event);
      case 'SplitReversed':
        return splitReversed(event);
      case 'ConversionStarted':
        return conversionStarted(event);
      case 'PayoutAccumulated':
        return allocated(event);
      case 'BatchPayoutStarted': {
        const parsed = parsePayoutAccumulationEvent(event);
        if (parsed.type === 'BatchPayoutStarted') for (const paymentId of parsed.data.paymentIds) payoutOf(parsed.data.payoutId).paymentIds.add(paymentId);
        return [];
      }
      case 'PayoutStarted':
      case 'SwapCreated':
      case 'SwapExecuted':
      case 'PayoutSent':
        return payoutEvent(event);
      default:
        return [];
    }
  };

  return {
    entriesOf(event) {
      try {
        return map(event);
      } catch {
        // An event that does not parse is one the fold cannot count either; it names it as a problem.
        return [];
      }
    },
  };
};
