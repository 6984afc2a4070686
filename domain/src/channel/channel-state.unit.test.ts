import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider/index.ts';
import { money } from '../money/index.ts';
import { channelDecider } from './channel-decider.ts';
import type { ChannelEvent } from './channel-events.ts';
import { findTier } from './channel-state.ts';

const at = '2026-01-01T00:00:00.000Z';
const events: ChannelEvent[] = [
  { type: 'ChannelRegistered', data: { channelId: 'ch1', chatId: '-100123', ownerId: '42', title: 'A', registeredAt: at } },
  {
    type: 'TierPriced',
    data: { channelId: 'ch1', tierId: 'm', name: 'Monthly', price: { amount: '1250', currency: 'USD', decimals: 2 }, durationDays: 30, pricedAt: at },
  },
];

describe('findTier', () => {
  it('snapshots a tier with its channel and owner', () => {
    expect(findTier(foldEvents(channelDecider, events), 'm')).toEqual({
      channelId: 'ch1',
      ownerId: '42',
      tierId: 'm',
      name: 'Monthly',
      price: money(1250n, 'USD'),
      durationDays: 30,
      retired: false,
    });
  });

  it('marks a retired tier and returns null for an unknown tier or channel', () => {
    const state = foldEvents(channelDecider, [...events, { type: 'TierRetired', data: { channelId: 'ch1', tierId: 'm', retiredAt: at } }]);
    expect(findTier(state, 'm')?.retired).toBe(true);
    expect(findTier(state, 'y')).toBeNull();
    expect(findTier(channelDecider.initialState, 'm')).toBeNull();
  });
});

describe('owner and payout hold in the state', () => {
  it('follows claims, holds and resumptions', () => {
    const claimed = foldEvents(channelDecider, [
      ...events,
      { type: 'ChannelPayoutsHeld', data: { channelId: 'ch1', ownerId: '42', reason: 'owner_not_admin', ownerStatus: 'left', heldAt: at } },
    ]);
    expect(claimed.status === 'registered' && claimed.payoutsHeld).toEqual({ reason: 'owner_not_admin', ownerStatus: 'left', heldAt: at });
    const after = channelDecider.evolve(claimed, { type: 'ChannelOwnershipClaimed', data: { channelId: 'ch1', previousOwnerId: '42', ownerId: '7', claimedAt: at } });
    expect(after.status === 'registered' && after.ownerId).toBe('7');
    expect(findTier(after, 'm')?.ownerId).toBe('7');
    const resumed = channelDecider.evolve(after, { type: 'ChannelPayoutsResumed', data: { channelId: 'ch1', ownerId: '7', reason: 'ownership_claimed', resumedAt: at } });
    expect(resumed.status === 'registered' && resumed.payoutsHeld).toBeNull();
  });
});
