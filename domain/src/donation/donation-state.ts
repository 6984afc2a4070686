import { moneyFromJson, type Money } from '../money/index.ts';
import type { DonationsEvent } from './donation-events.ts';

export type DonationsState =
  | { readonly status: 'none' }
  | {
      readonly status: 'configured';
      readonly channelId: string;
      readonly presets: readonly Money[];
      readonly postInPublic: boolean;
      /** False while the owner paused donations. */
      readonly enabled: boolean;
      /** The Donate message per chat id (the latest posted). */
      readonly messages: ReadonlyMap<string, number>;
    };

export const initialDonationsState: DonationsState = { status: 'none' };

export const evolveDonations = (state: DonationsState, event: DonationsEvent): DonationsState => {
  switch (event.type) {
    case 'DonationsConfigured': {
      const { channelId, presets, postInPublic, enabled } = event.data;
      const messages = state.status === 'configured' ? state.messages : new Map<string, number>();
      // Absent in events from before donations could be paused: they were enabled.
      return { status: 'configured', channelId, presets: presets.map(moneyFromJson), postInPublic, enabled: enabled ?? true, messages };
    }
    case 'DonationMessagePosted': {
      if (state.status !== 'configured') return state;
      return { ...state, messages: new Map(state.messages).set(event.data.chatId, event.data.messageId) };
    }
    default:
      return state;
  }
};
