// One money movement in the ledger export: which account of which channel moved, by how much, and
// the event (and payments, payout, on-chain hashes) that moved it.
import type { GlobalPosition } from '@paygate/domain';

/**
 * The accounts of `paygate ledger check`, by the names its `--json` report uses, so an export's
 * totals can be laid next to the check's figures: received + convertedIn = fees + convertedOut +
 * paidOut + pending, per channel and currency.
 */
export const EXPORT_ACCOUNTS = ['received', 'fees', 'pending', 'paidOut', 'convertedIn', 'convertedOut'] as const;
export type ExportAccount = (typeof EXPORT_ACCOUNTS)[number];

/**
 * What moved the money: a payment split (its gross received, the platform's fee, the owner's
 * share made pending), a refund taking a split back (all three, negative), a share converted out of a coin that is no stable coin and its allocation
 * back in, or a payout sent to the owner.
 */
/** 'donation': the received line of a donation's split (DonationReceived), otherwise as 'payment'. */
export type Movement = 'payment' | 'donation' | 'fee' | 'owner share' | 'refund' | 'conversion out' | 'conversion in' | 'payout';

/** An amount as it stands in the log: exact minor units of a currency with its decimals. */
export type Units = { amount: bigint; currency: string; decimals: number };

export type LedgerEntry = {
  /** `<event id>/<n>`: the n-th entry (from 0) the event made; stable from one export to the next. */
  entryId: string;
  recordedAt: Date;
  position: GlobalPosition;
  /** The event that moved the money. */
  streamId: string;
  eventId: string;
  eventType: string;
  movement: Movement;
  account: ExportAccount;
  /** Signed: a share leaving pending is negative. Each event's entries keep the ledger's identity. */
  amount: bigint;
  currency: string;
  decimals: number;
  ownerId: string | null;
  channelId: string;
  /** The payments whose money this is (a payout or a conversion carries several). */
  paymentIds: readonly string[];
  /** The invoice a payment paid (on a split's entries). */
  invoiceId: string | null;
  /** The PaymentReceived that granted the payment, or the DonationReceived (on a split's entries), in stream `payment-<id>`. */
  paymentEventId: string | null;
  /** The payout that carried the money: an owner payout, or the conversion (its payout id). */
  payoutId: string | null;
  /** The host wallet's transaction that moved the money on chain (the swap's pay-in, or the direct transfer). */
  txHash: string | null;
  /** The transaction that reached the wallet (ChangeNOW's payout, or ours on the direct route). */
  payoutHash: string | null;
  /** The ChangeNOW exchange, when the money went through one. */
  exchangeId: string | null;
  /** What the payee received for a payout (or the host wallet for a conversion), in its currency. */
  delivered: Units | null;
};
