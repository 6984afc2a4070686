import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { DONATION_TIER_ID } from '../donation/donation-amount.ts';
import { PayGateError } from '../errors/index.ts';
import { moneyEquals, moneyToJson } from '../money/index.ts';
import type { ChannelCommand, PriceTier, RegisterChannel, RetireTier } from './channel-commands.ts';
import { ChannelRegisteredSchema, TierPricedSchema, TierRetiredSchema, type ChannelEvent } from './channel-events.ts';
import { assertRegisteredByCreator, claimOwnership, recordOwnerStatus } from './channel-ownership.ts';
import { evolveChannel, initialChannelState, type ChannelState } from './channel-state.ts';
import { assertValidTierTerms } from './tier-price.ts';

type Registered = Extract<ChannelState, { status: 'registered' }>;

const requireRegistered = (state: ChannelState, channelId: string): Registered => {
  if (state.status !== 'registered') throw new PayGateError('not_found', `channel ${channelId} is not registered`, { channelId });
  if (state.channelId !== channelId) {
    // The handler loaded another channel's stream: a bug, not a user error, but never act on it.
    throw new PayGateError('validation', `command for channel ${channelId} on the stream of ${state.channelId}`, { channelId });
  }
  return state;
};

const register = (command: RegisterChannel, state: ChannelState): ChannelEvent[] => {
  if (state.status === 'registered') {
    throw new PayGateError('conflict', `channel ${command.data.channelId} is already registered`, { channelId: command.data.channelId });
  }
  assertRegisteredByCreator(command);
  const { creatorId: _creatorId, ...data } = command.data;
  return [parseWithSchema(ChannelRegisteredSchema, { type: 'ChannelRegistered', data }, 'ChannelRegistered')];
};

const priceTier = (command: PriceTier, state: ChannelState): ChannelEvent[] => {
  const { channelId, tierId, name, price, durationDays, pricedAt } = command.data;
  const channel = requireRegistered(state, channelId);
  // Donation invoices carry this tier id: a real tier with it would be granted by donations.
  if (tierId === DONATION_TIER_ID) throw new PayGateError('validation', `tier id ${DONATION_TIER_ID} is reserved for donations`, { channelId, tierId });
  assertValidTierTerms(price, durationDays);
  const current = channel.tiers.get(tierId);
  if (current?.retired) throw new PayGateError('conflict', `tier ${tierId} is retired and cannot be re-priced`, { channelId, tierId });
  const event = parseWithSchema(
    TierPricedSchema,
    { type: 'TierPriced', data: { channelId, tierId, name, price: moneyToJson(price), durationDays, pricedAt } },
    'TierPriced',
  );
  const unchanged =
    current && current.name === event.data.name && moneyEquals(current.price, price) && current.durationDays === durationDays;
  return unchanged ? [] : [event];
};

const retireTier = (command: RetireTier, state: ChannelState): ChannelEvent[] => {
  const { channelId, tierId, retiredAt } = command.data;
  const tier = requireRegistered(state, channelId).tiers.get(tierId);
  if (!tier) throw new PayGateError('not_found', `tier ${tierId} does not exist in channel ${channelId}`, { channelId, tierId });
  if (tier.retired) return [];
  return [parseWithSchema(TierRetiredSchema, { type: 'TierRetired', data: { channelId, tierId, retiredAt } }, 'TierRetired')];
};

/**
 * Stream `channel-<channelId>`. Rules: a channel registers once, by its Telegram creator (when
 * the registration names one); only the creator can claim it from its owner of record; payouts
 * are held while the owner is not an administrator. Tiers need a registered channel, a positive
 * USD price and 1..3650 days; a retired tier cannot be re-priced (nor bought, see the invoice
 * decider). Re-pricing with identical terms, retiring twice and repeated statuses change nothing.
 */
export const channelDecider: Decider<ChannelCommand, ChannelEvent, ChannelState> = {
  initialState: initialChannelState,
  evolve: evolveChannel,
  decide(command, state) {
    switch (command.type) {
      case 'RegisterChannel':
        return register(command, state);
      case 'PriceTier':
        return priceTier(command, state);
      case 'RetireTier':
        return retireTier(command, state);
      case 'ClaimChannelOwnership':
        return claimOwnership(command, requireRegistered(state, command.data.channelId));
      case 'RecordOwnerStatus':
        return recordOwnerStatus(command, requireRegistered(state, command.data.channelId));
    }
  },
};
