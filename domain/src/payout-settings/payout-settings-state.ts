import { moneyFromJson, type Money } from '../money/index.ts';
import type { PayoutNetwork } from './payout-networks.ts';
import type { PayoutSettingsEvent, WalletChangeCancelReason } from './payout-settings-events.ts';

export type PayoutWallet = { readonly address: string; readonly network: PayoutNetwork; readonly currency: string };

/** A wallet in effect, with the owner who set it (payouts must not follow a previous owner's wallet). */
export type OwnedPayoutWallet = PayoutWallet & { readonly ownerId: string; readonly effectiveSince: string };

export type PendingWalletChange = {
  readonly changeNumber: number;
  readonly wallet: PayoutWallet;
  readonly ownerId: string;
  readonly requestedAt: string;
  readonly effectiveAt: string;
};

export type PayoutStrategy = { readonly strategy: 'instant' } | { readonly strategy: 'threshold'; readonly threshold: Money };

/**
 * The settings as the events left them. Events carry no clock, so a pending change whose
 * `effectiveAt` has passed is still `pendingChange` here: read the settings through
 * `effectivePayoutSettings(state, now)`, which applies it.
 */
export type PayoutSettingsState = {
  readonly wallet: OwnedPayoutWallet | null;
  readonly pendingChange: PendingWalletChange | null;
  /** Changes requested so far; the next is numbered `changeCount + 1`. */
  readonly changeCount: number;
  /** Changes that never took effect, by number. */
  readonly cancelledChanges: ReadonlyMap<number, WalletChangeCancelReason>;
  readonly strategy: PayoutStrategy | null;
};

export const initialPayoutSettingsState: PayoutSettingsState = {
  wallet: null,
  pendingChange: null,
  changeCount: 0,
  cancelledChanges: new Map(),
  strategy: null,
};

const at = (iso: string) => Date.parse(iso);

/** The state as of `time`: a pending change due by then is the wallet in effect. */
export const settlePayoutSettings = (state: PayoutSettingsState, time: string): PayoutSettingsState => {
  const pending = state.pendingChange;
  if (pending === null || at(pending.effectiveAt) > at(time)) return state;
  return { ...state, wallet: { ...pending.wallet, ownerId: pending.ownerId, effectiveSince: pending.effectiveAt }, pendingChange: null };
};

export const evolvePayoutSettings = (state: PayoutSettingsState, event: PayoutSettingsEvent): PayoutSettingsState => {
  switch (event.type) {
    case 'PayoutWalletSet': {
      const { address, network, currency, ownerId, setAt } = event.data;
      return { ...settlePayoutSettings(state, setAt), wallet: { address, network, currency, ownerId, effectiveSince: setAt } };
    }
    case 'PayoutWalletChangeRequested': {
      const { changeNumber, address, network, currency, ownerId, requestedAt, effectiveAt } = event.data;
      const pendingChange = { changeNumber, wallet: { address, network, currency }, ownerId, requestedAt, effectiveAt };
      return { ...settlePayoutSettings(state, requestedAt), pendingChange, changeCount: Math.max(state.changeCount, changeNumber) };
    }
    case 'PayoutWalletChangeCancelled': {
      const { changeNumber, reason } = event.data;
      const cancelledChanges = new Map(state.cancelledChanges).set(changeNumber, reason);
      const pendingChange = state.pendingChange?.changeNumber === changeNumber ? null : state.pendingChange;
      return { ...state, pendingChange, cancelledChanges };
    }
    case 'PayoutStrategyChosen':
      return {
        ...state,
        strategy:
          event.data.strategy === 'threshold' ? { strategy: 'threshold', threshold: moneyFromJson(event.data.threshold) } : { strategy: 'instant' },
      };
    default:
      return state;
  }
};
