// The ledger's public face: the events it reads and the shapes of what it reports.

/** The events the ledger reads; every other type in the log is passed over. */
export const LEDGER_EVENT_TYPES = ['SplitCalculated', 'SplitReversed', 'ConversionStarted', 'PayoutAccumulated', 'BatchPayoutStarted', 'PayoutStarted', 'PayoutSent', 'PayoutFailed'] as const;

/** Amounts of one channel in one currency, in minor units: received + convertedIn = fees + convertedOut + paidOut + pending. */
export type LedgerAccount = {
  channelId: string;
  /** The channel's owner as the latest split or payout named it; null when none did. */
  ownerId: string | null;
  currency: string;
  decimals: number;
  /** Gross of the splits, net of refunds (a SplitReversed takes its gross back). */
  received: bigint;
  /** Fees of the splits, net of refunds. */
  fees: bigint;
  paidOut: bigint;
  /** Stable coin allocated to this channel from conversions (as the allocations say). */
  convertedIn: bigint;
  /** Shares that left in a conversion (as each ConversionStarted says for this channel). */
  convertedOut: bigint;
  /**
   * Owner shares and conversion allocations not carried by a sent owner payout (nor, for a share,
   * by a started conversion), minus the shares refunds reversed, summed one by one — not
   * received + convertedIn − fees − convertedOut − paidOut. Below zero: a reversed share had been
   * paid out (or converted) already and the owner owes it.
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
