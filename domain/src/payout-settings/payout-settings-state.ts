import { moneyFromJson, type Money } from '../money/index.ts';
import type { PayoutNetwork } from './payout-networks.ts';
import type { PayoutSettingsEvent } from './payout-settings-events.ts';

export type PayoutWallet = { readonly address: string; readonly network: PayoutNetwork; readonly currency: string };

export type PayoutStrategy = { readonly strategy: 'instant' } | { readonly strategy: 'threshold'; readonly threshold: Money };

export type PayoutSettingsState = {
  readonly wallet: PayoutWallet | null;
  readonly strategy: PayoutStrategy | null;
};

export const initialPayoutSettingsState: PayoutSettingsState = { wallet: null, strategy: null };

export const evolvePayoutSettings = (state: PayoutSettingsState, event: PayoutSettingsEvent): PayoutSettingsState => {
  switch (event.type) {
    case 'PayoutWalletSet': {
      const { address, network, currency } = event.data;
      return { ...state, wallet: { address, network, currency } };
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
