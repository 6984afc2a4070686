import { moneyFromJson, type Money } from '../money/index.ts';
import type { ChannelEvent, OwnerChatStatus } from './channel-events.ts';

export type Tier = {
  readonly tierId: string;
  readonly name: string;
  readonly price: Money;
  readonly durationDays: number;
  readonly retired: boolean;
};

/** Why the channel's payouts wait, while they do. */
export type PayoutsHold = { readonly reason: 'owner_not_admin'; readonly ownerStatus: OwnerChatStatus; readonly heldAt: string };

export type ChannelState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly channelId: string;
      readonly chatId: string;
      readonly ownerId: string;
      readonly title: string;
      /** Set while payouts must not go out (the owner lost their admin rights); payouts read it. */
      readonly payoutsHeld: PayoutsHold | null;
      /** A Map, not an object: tier ids come from users and "__proto__" must stay just a key. */
      readonly tiers: ReadonlyMap<string, Tier>;
    };

export const initialChannelState: ChannelState = { status: 'unregistered' };

export const evolveChannel = (state: ChannelState, event: ChannelEvent): ChannelState => {
  switch (event.type) {
    case 'ChannelRegistered': {
      const { channelId, chatId, ownerId, title } = event.data;
      return { status: 'registered', channelId, chatId, ownerId, title, payoutsHeld: null, tiers: new Map() };
    }
    case 'ChannelOwnershipClaimed':
      return state.status === 'registered' ? { ...state, ownerId: event.data.ownerId } : state;
    case 'ChannelPayoutsHeld': {
      if (state.status !== 'registered') return state;
      const { reason, ownerStatus, heldAt } = event.data;
      return { ...state, payoutsHeld: { reason, ownerStatus, heldAt } };
    }
    case 'ChannelPayoutsResumed':
      return state.status === 'registered' ? { ...state, payoutsHeld: null } : state;
    case 'TierPriced': {
      if (state.status !== 'registered') return state;
      const { tierId, name, price, durationDays } = event.data;
      const tiers = new Map(state.tiers);
      tiers.set(tierId, { tierId, name, price: moneyFromJson(price), durationDays, retired: false });
      return { ...state, tiers };
    }
    case 'TierRetired': {
      const tier = state.status === 'registered' ? state.tiers.get(event.data.tierId) : undefined;
      if (state.status !== 'registered' || !tier) return state;
      const tiers = new Map(state.tiers);
      tiers.set(tier.tierId, { ...tier, retired: true });
      return { ...state, tiers };
    }
    default:
      return state;
  }
};

/**
 * What an invoice needs to know about a tier, as the command handler looked it up in the channel
 * stream; `null` when the channel or tier does not exist. The invoice decider enforces the rules.
 */
export type TierSnapshot = {
  readonly channelId: string;
  readonly ownerId: string;
  readonly tierId: string;
  readonly name: string;
  readonly price: Money;
  readonly durationDays: number;
  readonly retired: boolean;
};

export const findTier = (state: ChannelState, tierId: string): TierSnapshot | null => {
  if (state.status !== 'registered') return null;
  const tier = state.tiers.get(tierId);
  return tier ? { channelId: state.channelId, ownerId: state.ownerId, ...tier } : null;
};
