import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { DONATION_TIER_ID } from '../donation/index.ts';
import { money } from '../money/index.ts';
import type { ChannelCommand } from './channel-commands.ts';
import { channelDecider } from './channel-decider.ts';
import { parseChannelEvent, type ChannelEvent } from './channel-events.ts';

const given = deciderSpec(channelDecider, { validateEvent: parseChannelEvent });
const at = '2026-01-01T00:00:00.000Z';
const channelId = 'ch1';

const registered: ChannelEvent = {
  type: 'ChannelRegistered',
  data: { channelId, chatId: '-1001234567890', ownerId: '42', title: 'Alpha signals', registeredAt: at },
};
const priced = (tierId = 'monthly', cents = '1250', durationDays = 30, name = 'Monthly'): ChannelEvent => ({
  type: 'TierPriced',
  data: { channelId, tierId, name, price: { amount: cents, currency: 'USD', decimals: 2 }, durationDays, pricedAt: at },
});
const retired = (tierId = 'monthly'): ChannelEvent => ({ type: 'TierRetired', data: { channelId, tierId, retiredAt: at } });

const register = (data: Partial<Extract<ChannelCommand, { type: 'RegisterChannel' }>['data']> = {}): ChannelCommand => ({
  type: 'RegisterChannel',
  data: { channelId, chatId: '-1001234567890', ownerId: '42', title: 'Alpha signals', registeredAt: at, ...data },
});
const priceTier = (data: Partial<Extract<ChannelCommand, { type: 'PriceTier' }>['data']> = {}): ChannelCommand => ({
  type: 'PriceTier',
  data: { channelId, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30, pricedAt: at, ...data },
});
const retireTier = (tierId = 'monthly'): ChannelCommand => ({ type: 'RetireTier', data: { channelId, tierId, retiredAt: at } });

describe('channel: RegisterChannel', () => {
  it('registers a new channel', () => given([]).when(register()).then([registered]));
  it('trims the title', () => given([]).when(register({ title: '  Alpha signals ' })).then([registered]));
  it('registers once', () => given([registered]).when(register()).thenThrows('conflict', 'already registered'));
  it.each([
    ['chatId', { chatId: '-100abc' }],
    ['chatId', { chatId: '0' }],
    ['ownerId', { ownerId: '-42' }],
    ['title', { title: '   ' }],
    ['registeredAt', { registeredAt: 'yesterday' }],
    ['channelId', { channelId: 'has space' }],
  ])('rejects a malformed %s', (field, data) => given([]).when(register(data)).thenThrows('validation', field));
});

describe('channel: PriceTier', () => {
  it('prices a tier of a registered channel', () => given([registered]).when(priceTier()).then([priced()]));
  it('needs a registered channel', () => given([]).when(priceTier()).thenThrows('not_found', 'not registered'));
  it('re-pricing is another TierPriced', () =>
    given([registered, priced()]).when(priceTier({ price: money(1500n, 'USD') })).then([priced('monthly', '1500')]));
  it('re-pricing with identical terms changes nothing', () => given([registered, priced()]).when(priceTier()).then([]));
  it('a new duration is a change', () =>
    given([registered, priced()]).when(priceTier({ durationDays: 31 })).then([priced('monthly', '1250', 31)]));
  it('a retired tier cannot be re-priced', () =>
    given([registered, priced(), retired()]).when(priceTier({ price: money(999n, 'USD') })).thenThrows('conflict', 'retired'));
  it.each([
    ['zero price', { price: money(0n, 'USD') }, 'positive'],
    ['negative price', { price: money(-1n, 'USD') }, 'positive'],
    ['non-USD price', { price: money(1n, 'USDT') }, 'USD'],
    ['0 days', { durationDays: 0 }, 'durationDays'],
    ['3651 days', { durationDays: 3651 }, 'durationDays'],
    ['fractional days', { durationDays: 1.5 }, 'durationDays'],
    ['empty name', { name: '' }, 'name'],
  ])('rejects %s', (_what, data, message) => given([registered]).when(priceTier(data)).thenThrows('validation', message));
  it('accepts the bounds of durationDays', () => {
    given([registered]).when(priceTier({ durationDays: 1 })).then([priced('monthly', '1250', 1)]);
    given([registered]).when(priceTier({ durationDays: 3650 })).then([priced('monthly', '1250', 3650)]);
  });
  it('refuses a command for another channel on this stream', () =>
    given([registered]).when(priceTier({ channelId: 'ch2' })).thenThrows('validation', 'stream of ch1'));
  it('refuses the tier id reserved for donation invoices', () =>
    given([registered]).when(priceTier({ tierId: DONATION_TIER_ID })).thenThrows('validation', `tier id ${DONATION_TIER_ID} is reserved for donations`));
  it('keeps "__proto__" just a tier id', () =>
    given([registered, priced('__proto__')]).when(priceTier({ tierId: '__proto__' })).then([]));
});

describe('channel: RetireTier', () => {
  it('retires a priced tier', () => given([registered, priced()]).when(retireTier()).then([retired()]));
  it('retiring twice changes nothing', () => given([registered, priced(), retired()]).when(retireTier()).then([]));
  it('an unknown tier is not found', () => given([registered]).when(retireTier('yearly')).thenThrows('not_found', 'yearly'));
  it('needs a registered channel', () => given([]).when(retireTier()).thenThrows('not_found'));
});

describe('channel events', () => {
  it('parses a valid event and rejects a malformed or unknown one', () => {
    expect(parseChannelEvent(priced())).toEqual(priced());
    expect(() => parseChannelEvent({ type: 'TierPriced', data: { ...priced().data, price: { amount: '12.50', currency: 'USD', decimals: 2 } } })).toThrow(
      'data.price.amount',
    );
    expect(() => parseChannelEvent({ type: 'TierPriced', data: { ...priced().data, price: { amount: '1', currency: 'EUR', decimals: 2 } } })).toThrow(
      'data.price.currency',
    );
    expect(() => parseChannelEvent({ type: 'ChannelDeleted', data: {} })).toThrow(expect.objectContaining({ kind: 'validation' }));
  });
});

describe('channel: ownership by the Telegram creator', () => {
  const claimed = (previousOwnerId = '42', ownerId = '7'): ChannelEvent => ({
    type: 'ChannelOwnershipClaimed',
    data: { channelId, previousOwnerId, ownerId, claimedAt: at },
  });
  const held = (ownerId = '42', ownerStatus: 'left' | 'member' | 'not_admin' = 'left'): ChannelEvent => ({
    type: 'ChannelPayoutsHeld',
    data: { channelId, ownerId, reason: 'owner_not_admin', ownerStatus, heldAt: at },
  });
  const resumed = (ownerId = '42', reason: 'owner_admin_again' | 'ownership_claimed' = 'owner_admin_again'): ChannelEvent => ({
    type: 'ChannelPayoutsResumed',
    data: { channelId, ownerId, reason, resumedAt: at },
  });
  const claim = (claimantId = '7', creatorId: string | null = '7'): ChannelCommand => ({
    type: 'ClaimChannelOwnership',
    data: { channelId, claimantId, creatorId, claimedAt: at },
  });
  const status = (userId: string, value: 'creator' | 'administrator' | 'member' | 'left' | 'kicked' | 'not_admin'): ChannelCommand => ({
    type: 'RecordOwnerStatus',
    data: { channelId, userId, status: value, observedAt: at },
  });

  it('the creator registers', () => given([]).when(register({ creatorId: '42' })).then([registered]));
  it('another administrator cannot register', () => given([]).when(register({ creatorId: '7' })).thenThrows('forbidden', 'creator'));
  it('nor anyone when the lookup found no creator', () => given([]).when(register({ creatorId: null })).thenThrows('forbidden', 'creator'));
  it('an operator registration (no lookup) is trusted', () => given([]).when(register()).then([registered]));

  it('the creator claims a channel registered by someone else', () => given([registered]).when(claim()).then([claimed()]));
  it('a non-creator cannot claim', () => given([registered]).when(claim('7', '42')).thenThrows('forbidden', 'creator'));
  it('nor when no creator was found', () => given([registered]).when(claim('7', null)).thenThrows('forbidden'));
  it('claiming one’s own channel changes nothing', () => given([registered]).when(claim('42', '42')).then([]));
  it('claiming twice changes nothing', () => given([registered, claimed()]).when(claim()).then([]));
  it('a claim needs a registered channel', () => given([]).when(claim()).thenThrows('not_found'));
  it('a claim resumes payouts held for the previous owner', () =>
    given([registered, held()]).when(claim()).then([claimed(), resumed('7', 'ownership_claimed')]));

  it('the owner losing admin rights holds payouts, once', () => {
    given([registered]).when(status('42', 'left')).then([held('42', 'left')]);
    given([registered, held('42', 'left')]).when(status('42', 'kicked')).then([]);
  });
  it('the owner becoming an administrator again resumes them', () => {
    given([registered, held()]).when(status('42', 'administrator')).then([resumed()]);
    given([registered, held()]).when(status('42', 'creator')).then([resumed()]);
    given([registered]).when(status('42', 'administrator')).then([]);
  });
  it('other users’ statuses do not matter', () => {
    given([registered]).when(status('7', 'left')).then([]);
    given([registered, held()]).when(status('7', 'creator')).then([]);
  });
  it('after a claim the new owner is the one watched', () => {
    given([registered, claimed()]).when(status('42', 'left')).then([]);
    given([registered, claimed()]).when(status('7', 'member')).then([held('7', 'member')]);
  });
});
