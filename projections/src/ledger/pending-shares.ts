// Share tracking: every owner share and every conversion allocation is followed by its payments
// (and currency) until something carries it away, so pending is summed item by item rather than
// derived from the totals the ledger checks.

/** How a share or an allocation left pending: paid by an owner payout, or (a share) converted. */
export type Gone = { how: 'paid' | 'converted'; by: string };

/** Something pending for a channel: an owner share (one payment) or a conversion's allocation (its payments). */
export type PendingItem = {
  channelId: string;
  currency: string;
  decimals: number;
  amount: bigint;
  paymentIds: readonly string[];
  gone?: Gone;
  /** A refund's reversal of this payment's share: a negative amount, never carried by a payout (the share itself is). */
  reverses?: string;
};

/** A payout as the ledger follows it: the payments it carries, its currency, and whether it was sent. */
export type Payout = { paymentIds: Set<string>; currency?: string; purpose?: 'conversion'; sent: boolean };

/** Shares are keyed by payment and currency: a converted payment's allocation is in another currency than its share. */
export const paymentKey = (paymentId: string, currency: string) => JSON.stringify([paymentId, currency]);

const goneText = (gone: Gone) => (gone.how === 'paid' ? `was already paid by another sent payout` : `was already converted (${gone.by})`);

type Problem = (reason: string) => void;

export type PendingShares = {
  /** Notes that a payment was split; false (and nothing noted) when it was split before. */
  split(paymentId: string): boolean;
  /** A payment's owner share: pending until a conversion takes it or an owner payout carrying it is sent. */
  addShare(paymentId: string, channelId: string, ownerShare: { amount: string; currency: string; decimals: number }): void;
  /**
   * A refund reversed a payment's split: its share is taken back as a negative item beside it, so
   * pending nets to zero while the share waits and to minus the share (owed) once it was paid or
   * converted. Nothing is noted when the payment was never split, or was reversed before.
   */
  reverse(paymentId: string, channelId: string, ownerShare: { amount: string; currency: string; decimals: number }): 'reversed' | 'not_split' | 'reversed_before';
  /** A conversion's allocation to a channel: pending until an owner payout in its currency carrying its payments is sent. */
  addAllocation(allocation: PendingItem): void;
  /** A started conversion takes a channel's share of one payment. */
  convert(conversionId: string, channelId: string, currency: string, paymentId: string, problem: Problem): void;
  /** A sent owner payout carries away the shares and allocations of its payments in its currency. */
  pay(payoutId: string, paymentIds: ReadonlySet<string>, currency: string, problem: Problem): void;
  /** Every share, then every allocation, then every reversal, in the order they came, gone or not. */
  items(): PendingItem[];
};

export const createPendingShares = (): PendingShares => {
  const splitPayments = new Set<string>();
  /** Shares by paymentKey; allocations by paymentKey of each payment they carry (in their currency). */
  const shares = new Map<string, PendingItem>();
  const allocations = new Map<string, PendingItem>();
  const allocationItems: PendingItem[] = [];
  const reversals = new Map<string, PendingItem>();

  return {
    split(paymentId) {
      if (splitPayments.has(paymentId)) return false;
      splitPayments.add(paymentId);
      return true;
    },
    addShare(paymentId, channelId, ownerShare) {
      shares.set(paymentKey(paymentId, ownerShare.currency), {
        channelId,
        currency: ownerShare.currency,
        decimals: ownerShare.decimals,
        amount: BigInt(ownerShare.amount),
        paymentIds: [paymentId],
      });
    },
    reverse(paymentId, channelId, ownerShare) {
      if (!splitPayments.has(paymentId)) return 'not_split';
      if (reversals.has(paymentId)) return 'reversed_before';
      const { currency, decimals } = ownerShare;
      reversals.set(paymentId, { channelId, currency, decimals, amount: -BigInt(ownerShare.amount), paymentIds: [paymentId], reverses: paymentId });
      return 'reversed';
    },
    addAllocation(allocation) {
      allocationItems.push(allocation);
      for (const paymentId of allocation.paymentIds) allocations.set(paymentKey(paymentId, allocation.currency), allocation);
    },
    convert(conversionId, channelId, currency, paymentId, problem) {
      const share = shares.get(paymentKey(paymentId, currency));
      if (!share) problem(`conversion ${conversionId} carries payment ${paymentId}, which has no split in ${currency}`);
      else if (share.channelId !== channelId) problem(`conversion ${conversionId} carries payment ${paymentId} for channel ${channelId}, but it is channel ${share.channelId}'s`);
      else if (share.gone) problem(`payment ${paymentId} ${goneText(share.gone)}; conversion ${conversionId} carries it again`);
      else share.gone = { how: 'converted', by: conversionId };
    },
    pay(payoutId, paymentIds, currency, problem) {
      const carried = new Set<PendingItem>();
      for (const paymentId of paymentIds) {
        const key = paymentKey(paymentId, currency);
        const item = shares.get(key) ?? allocations.get(key);
        if (!item) {
          problem(`payout ${payoutId} carries payment ${paymentId}, which has no split${splitPayments.has(paymentId) ? ` nor allocation in ${currency}` : ''}`);
          continue;
        }
        if (carried.has(item)) continue;
        carried.add(item);
        if (item.gone) problem(`payment ${paymentId} ${goneText(item.gone)}`);
        item.gone = { how: 'paid', by: payoutId };
      }
      // An allocation is paid whole or not at all: a payout carrying part of its payments is wrong.
      for (const item of carried) {
        const missing = item.paymentIds.filter((paymentId) => !paymentIds.has(paymentId));
        if (missing.length > 0) problem(`payout ${payoutId} pays an allocation to channel ${item.channelId} without its payments ${missing.join(', ')}`);
      }
    },
    items: () => [...shares.values(), ...allocationItems, ...reversals.values()],
  };
};

/** The paymentKeys carried by owner payouts that started and were not sent: their items are pending, in payout. */
export const unsentPaymentKeys = (payouts: Iterable<Payout>): Set<string> => {
  const keys = new Set<string>();
  for (const payout of payouts) {
    if (payout.sent || payout.purpose === 'conversion' || payout.currency === undefined) continue;
    for (const paymentId of payout.paymentIds) keys.add(paymentKey(paymentId, payout.currency));
  }
  return keys;
};
