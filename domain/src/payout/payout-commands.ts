import type { DomainCommand } from '../decider/decider.ts';
import type { Money } from '../money/index.ts';
import type { PayoutWallet } from '../payout-settings/payout-settings-state.ts';
import type { PAYOUT_HOLD_REASONS } from './payout-events.ts';

export type StartPayout = DomainCommand<
  'StartPayout',
  {
    payoutId: string;
    paymentIds: string[];
    channelId: string;
    /** Absent for a conversion (it pays the host wallet). */
    ownerId?: string;
    purpose?: 'conversion';
    amount: Money;
    /** The wallet in force now (a change still in its hold period does not count). */
    wallet: PayoutWallet;
    /** Where the host wallet holds `amount`: a wallet taking that currency on that network is paid directly. */
    hostNetwork: string;
    startedAt: string;
  }
>;
export type RecordEstimate = DomainCommand<
  'RecordEstimate',
  { rateId: string; validUntil: string; from: Money; to: Money; reference: Money; maxSlippageBps: number; estimatedAt: string }
>;
export type RecordSwap = DomainCommand<'RecordSwap', { exchangeId: string; payinAddress: string; from: Money; expectedTo: Money; createdAt: string }>;
export type RecordSignedTransfer = DomainCommand<'RecordSignedTransfer', { to: string; nonce: number; rawTransaction: string; hash: string; signedAt: string }>;
/** A stuck transfer replaced with the same nonce at a higher fee. */
export type ReplaceTransfer = DomainCommand<'ReplaceTransfer', { nonce: number; rawTransaction: string; hash: string; signedAt: string }>;
export type RecordTransferConfirmed = DomainCommand<'RecordTransferConfirmed', { txHash: string; blockNumber: number; gasUsed: bigint; confirmedAt: string }>;
export type RecordExchangeFinished = DomainCommand<'RecordExchangeFinished', { payoutHash: string; received: Money; finishedAt: string }>;
export type HoldPayout = DomainCommand<'HoldPayout', { reason: (typeof PAYOUT_HOLD_REASONS)[number]; detail: string; heldAt: string }>;
export type FailPayout = DomainCommand<'FailPayout', { reason: string; status?: string; failedAt: string }>;
export type ResumePayout = DomainCommand<'ResumePayout', { by: string; resumedAt: string }>;

export type PayoutCommand =
  | StartPayout
  | RecordEstimate
  | RecordSwap
  | RecordSignedTransfer
  | ReplaceTransfer
  | RecordTransferConfirmed
  | RecordExchangeFinished
  | HoldPayout
  | FailPayout
  | ResumePayout;
