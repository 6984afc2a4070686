import type { Money } from '../money/index.ts';

/**
 * The two outside parties a payout talks to, as the payout pipeline sees them. Currencies are
 * money-registry codes (ETH, USDTERC20, USDTMATIC, …), which name the network too; adapters map
 * them to the provider's tickers. Every failure is a PayGateError: `unavailable` (network,
 * timeout, 5xx: retry later), `rate_limited`, `validation` (the provider refused the request),
 * `not_found`.
 */

/** ChangeNOW's exchange statuses (API v2). `finished`, `failed` and `refunded` are final. */
export const EXCHANGE_STATUSES = ['new', 'waiting', 'confirming', 'exchanging', 'sending', 'finished', 'failed', 'refunded', 'verifying'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

export type FixedRateQuote = {
  /** What the owner receives if the exchange is created with `rateId` before `validUntil`. */
  readonly to: Money;
  readonly rateId: string;
  /** ISO timestamp. */
  readonly validUntil: string;
};

export type CreatedExchange = {
  readonly exchangeId: string;
  /** Where the host wallet sends `from` (EVM address). */
  readonly payinAddress: string;
  readonly expectedTo: Money;
};

export type ExchangeReport = {
  readonly status: ExchangeStatus;
  /** Set once the exchange sent the owner's money (status `finished`). */
  readonly payoutHash?: string;
  /** What the owner's address received, exactly (status `finished`). */
  readonly received?: Money;
};

export type PayoutExchange = {
  /** The fixed-rate quote for `from` → `toCurrency`. */
  quoteFixedRate(from: Money, toCurrency: string): Promise<FixedRateQuote>;
  /** The standard-flow (market) estimate for the same pair: the slippage reference. */
  estimateStandard(from: Money, toCurrency: string): Promise<Money>;
  /** The smallest amount of `from.currency` the pair accepts. */
  minimumAmount(fromCurrency: string, toCurrency: string): Promise<Money>;
  createExchange(request: {
    readonly from: Money;
    readonly toCurrency: string;
    /** The owner's wallet. */
    readonly address: string;
    readonly rateId: string;
    /** Where a failed exchange sends the money back: the host wallet. */
    readonly refundAddress: string;
  }): Promise<CreatedExchange>;
  exchangeStatus(exchangeId: string): Promise<ExchangeReport>;
};

/** A signed transaction: the exact bytes to (re)broadcast and their hash. */
export type SignedTransfer = { readonly rawTransaction: string; readonly hash: string };

export type TransferStatus =
  /** No candidate is mined, and the node knows none of them (dropped, or never sent). */
  | { readonly state: 'unknown' }
  /** At least one candidate waits in the node's pool; none is mined. */
  | { readonly state: 'pending' }
  /** A candidate is mined in a block still on the canonical chain, with fewer confirmations than asked. */
  | { readonly state: 'mined'; readonly hash: string; readonly blockNumber: number; readonly confirmations: number }
  /** A candidate is mined, successful and confirmed `confirmations` deep on the canonical chain. */
  | { readonly state: 'confirmed'; readonly hash: string; readonly blockNumber: number; readonly gasUsed: bigint }
  /** A candidate is mined and reverted (the nonce is spent, the money did not move). */
  | { readonly state: 'reverted'; readonly hash: string; readonly blockNumber: number };

/** The platform's hot wallet on one EVM chain. Holds the private key; nothing it returns carries it. */
export type HostChain = {
  /** The payout network this chain is (`ethereum`). */
  readonly network: string;
  /** The host wallet's EIP-55 address. */
  readonly address: string;
  /** Currencies this wallet can send (ETH and the configured ERC-20 tokens). */
  readonly currencies: readonly string[];
  /** The wallet's next nonce counting pending transactions. */
  pendingNonce(): Promise<number>;
  /** The wallet's balance of `currency`, in its smallest units. */
  balanceOf(currency: string): Promise<bigint>;
  /** The most gas money (wei) one transfer of `currency` can cost at today's fees. */
  maxTransferCost(currency: string): Promise<bigint>;
  /**
   * Signs (does not send) a transfer of `amount` units of `currency` to `to` with `nonce`, at the
   * current EIP-1559 fees; `bumpOver` (a previously signed raw transaction with the same nonce)
   * makes the fees at least 12.5% above it, so a node accepts it as a replacement.
   */
  signTransfer(request: { readonly currency: string; readonly to: string; readonly amount: bigint; readonly nonce: number; readonly bumpOver?: string }): Promise<SignedTransfer>;
  /** Sends the exact bytes. A node that already has them, or a nonce already used, is not an error. */
  broadcast(rawTransaction: string): Promise<void>;
  /** Which of the candidates (same nonce) is mined, and how deep; reorg-safe: a block no longer canonical does not count. */
  transferStatus(hashes: readonly string[], confirmations: number): Promise<TransferStatus>;
};
