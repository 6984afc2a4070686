import type { PayoutState } from './payout-state.ts';

/**
 * What the payout pipeline does next for a payout, from its events alone — so a process that
 * restarts anywhere picks up exactly where the last one stopped, and never signs twice:
 * - `estimate`: ask ChangeNOW for a fixed-rate quote (again, when the last one expired unused);
 * - `create_swap`: create the exchange on the live quote;
 * - `sign`: reserve the hot wallet's nonce and sign the one transfer to `to`;
 * - `broadcast`: (re)send the stored candidates byte for byte and wait for a confirmation;
 * - `poll_exchange`: ask ChangeNOW how the exchange is doing;
 * - `none`: sent, or stopped (held, failed) until an operator resumes it.
 */
export type PayoutStep =
  | { kind: 'estimate' }
  | { kind: 'create_swap' }
  | { kind: 'sign'; to: string }
  | { kind: 'broadcast'; candidates: readonly string[]; rawTransactions: readonly string[] }
  | { kind: 'poll_exchange'; exchangeId: string }
  | { kind: 'none'; why: 'not_started' | 'sent' | 'held' | 'failed' };

export const nextPayoutStep = (state: PayoutState, now: string): PayoutStep => {
  if (!state.started) return { kind: 'none', why: 'not_started' };
  // A mined transfer is followed up whatever was decided meanwhile (the money moved), until the
  // exchange itself gave its final word (finished: sent; failed or refunded: recorded as the failure).
  const exchangeEnded = state.outcome === 'failed' && (state.failedWith === 'failed' || state.failedWith === 'refunded');
  if (state.executedBy !== undefined && state.outcome !== 'sent' && !exchangeEnded) return { kind: 'poll_exchange', exchangeId: state.exchange!.exchangeId };
  if (state.outcome !== 'running') return { kind: 'none', why: state.outcome };
  if (state.transfer) return { kind: 'broadcast', candidates: state.transfer.candidates, rawTransactions: state.transfer.rawTransactions };
  if (state.route === 'direct') return { kind: 'sign', to: state.wallet!.address };
  if (state.exchange) return { kind: 'sign', to: state.exchange.payinAddress };
  if (!state.estimate || Date.parse(now) > Date.parse(state.estimate.validUntil)) return { kind: 'estimate' };
  return { kind: 'create_swap' };
};
