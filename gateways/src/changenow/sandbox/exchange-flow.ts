/**
 * How one simulated exchange moves through ChangeNOW's statuses:
 *   new → waiting → (deposit seen) confirming → [verifying →] exchanging → sending → finished
 * or, when forced, exchanging → failed (the money stays with the exchange) or exchanging →
 * refunded (the deposit goes back to refundAddress). Pure: the caller does the money moves.
 */
import type { ExchangeStatus } from '@paygate/domain';
import type { SandboxCurrency } from './market.ts';

/** What a test can force on the next exchange(s). */
export const FORCED_OUTCOMES = ['failed', 'refunded', 'verifying'] as const;
export type ForcedOutcome = (typeof FORCED_OUTCOMES)[number];

export type SimulatedExchange = {
  readonly id: string;
  status: ExchangeStatus;
  readonly flow: 'standard' | 'fixed-rate';
  readonly from: SandboxCurrency;
  readonly to: SandboxCurrency;
  readonly fromAmount: string; // decimal, as requested
  readonly toAmount: string; // decimal, as quoted (may have more digits than `to` can move)
  readonly expectedFromUnits: bigint;
  readonly payinAddress: string;
  readonly payoutAddress: string;
  readonly refundAddress: string | null;
  readonly rateId: string | null;
  readonly validUntil: Date | null;
  readonly forced: ForcedOutcome | null;
  readonly createdAt: Date;
  updatedAt: Date;
  /** When the next timed step may happen. */
  nextStepAt: Date;
  depositReceivedAt: Date | null;
  amountFromUnits: bigint | null;
  payoutHash: string | null;
  amountToUnits: bigint | null;
  refundHash: string | null;
  refundUnits: bigint | null;
  /** The last settlement failure; the step is retried on the next tick. */
  lastError: string | null;
};

export type FlowStep =
  | { readonly kind: 'final' }
  | { readonly kind: 'await-deposit' }
  | { readonly kind: 'move'; readonly to: ExchangeStatus }
  | { readonly kind: 'pay-out' } // sending → finished
  | { readonly kind: 'refund' }; // exchanging → refunded

export const FINAL_STATUSES: readonly ExchangeStatus[] = ['finished', 'failed', 'refunded'];

/** The step `exchange` takes next, once its `nextStepAt` has come. */
export const nextStep = (exchange: SimulatedExchange): FlowStep => {
  switch (exchange.status) {
    case 'new':
      return { kind: 'move', to: 'waiting' };
    case 'waiting':
      return { kind: 'await-deposit' };
    case 'confirming':
      return { kind: 'move', to: exchange.forced === 'verifying' ? 'verifying' : 'exchanging' };
    case 'verifying':
      return { kind: 'move', to: 'exchanging' };
    case 'exchanging':
      if (exchange.forced === 'failed') return { kind: 'move', to: 'failed' };
      // Without a refund address there is nowhere to send the money back: the exchange fails.
      if (exchange.forced === 'refunded') return exchange.refundAddress ? { kind: 'refund' } : { kind: 'move', to: 'failed' };
      return { kind: 'move', to: 'sending' };
    case 'sending':
      return { kind: 'pay-out' };
    case 'finished':
    case 'failed':
    case 'refunded':
      return { kind: 'final' };
  }
};
