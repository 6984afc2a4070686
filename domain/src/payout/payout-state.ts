import type { MoneyJson } from '../money/index.ts';
import type { PayoutWallet } from '../payout-settings/payout-settings-state.ts';
import type { PayoutEvent } from './payout-events.ts';

/** Where a payout stands; `outcome` says whether it runs, waits for an operator, or is over. */
export type PayoutState = {
  readonly started: boolean;
  readonly payoutId?: string;
  readonly channelId?: string;
  readonly ownerId?: string;
  readonly purpose?: 'conversion';
  readonly route?: 'direct' | 'swap';
  readonly amount?: MoneyJson;
  readonly wallet?: PayoutWallet;
  readonly estimate?: { readonly rateId: string; readonly validUntil: string; readonly to: MoneyJson };
  readonly exchange?: { readonly exchangeId: string; readonly payinAddress: string };
  /** Every signed candidate of the one transfer (same nonce): whichever is mined counts. */
  readonly transfer?: { readonly to: string; readonly nonce: number; readonly candidates: readonly string[]; readonly rawTransactions: readonly string[] };
  readonly executedBy?: string;
  /** The status a failure named (ChangeNOW's `refunded`, a `reverted` transfer, …). */
  readonly failedWith?: string;
  readonly outcome: 'running' | 'held' | 'failed' | 'sent';
};

export const initialPayoutState: PayoutState = { started: false, outcome: 'running' };

export const evolvePayout = (state: PayoutState, event: PayoutEvent): PayoutState => {
  switch (event.type) {
    case 'PayoutStarted': {
      const { payoutId, channelId, ownerId, purpose, amount, wallet, route } = event.data;
      return { ...state, started: true, payoutId, channelId, amount, wallet, route, ...(ownerId === undefined ? {} : { ownerId }), ...(purpose === undefined ? {} : { purpose }) };
    }
    case 'SplitEstimated': {
      const { rateId, validUntil, to } = event.data;
      return { ...state, estimate: { rateId, validUntil, to } };
    }
    case 'PayoutHeld':
      return { ...state, outcome: 'held' };
    case 'SwapCreated':
      return { ...state, exchange: { exchangeId: event.data.exchangeId, payinAddress: event.data.payinAddress } };
    case 'TransferSigned': {
      const { to, nonce, hash, rawTransaction } = event.data;
      const candidates = [...(state.transfer?.candidates ?? []), hash];
      return { ...state, transfer: { to, nonce, candidates, rawTransactions: [...(state.transfer?.rawTransactions ?? []), rawTransaction] } };
    }
    case 'SwapExecuted':
      return { ...state, executedBy: event.data.txHash };
    case 'PayoutSent':
      return { ...state, outcome: 'sent' };
    case 'PayoutFailed':
      return { ...state, outcome: 'failed', ...(event.data.status === undefined ? {} : { failedWith: event.data.status }) };
    case 'PayoutResumed': {
      // Before a swap exists the quote is asked for again: the held one was refused or is stale.
      if (state.exchange) return { ...state, outcome: 'running' };
      const { estimate: _stale, ...rest } = state;
      return { ...rest, outcome: 'running' };
    }
    default:
      return state;
  }
};
