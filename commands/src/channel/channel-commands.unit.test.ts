import { describe, expect, it } from 'vitest';
import { money, type EventStore } from '@paygate/domain';
import { commandSpec, createInMemoryEventStore, testClock } from '@paygate/testkit';
import { deterministicId } from '../ids/index.ts';
import { CHAT, channelStream, OWNER, T0 } from '@paygate/testkit/fixtures';
import { createChannelCommands } from './channel-commands.ts';

const clock = testClock('2026-01-05T00:00:00.000Z');
const NOW = '2026-01-05T00:00:00.000Z';
const STREAM = 'channel-ch1';
const commands = (eventStore: EventStore) => createChannelCommands({ eventStore, clock });
const registered = channelStream({ channelId: 'ch1' }); // ChannelRegistered + monthly tier
const register = { channelId: 'ch1', chatId: CHAT, ownerId: OWNER, title: 'Alpha signals' };
const spec = commandSpec();

describe('channel commands', () => {
  describe('registerChannel', () => {
    it('records the channel at the clock time, with an id derived from the registration and the caller metadata', async () => {
      await spec
        .given({})
        .when(({ eventStore }) => commands(eventStore).registerChannel({ ...register, creatorId: OWNER }, { correlationId: 'req-1' }))
        .thenAppends({
          [STREAM]: [
            {
              type: 'ChannelRegistered',
              data: { ...register, registeredAt: NOW },
              id: deterministicId('ChannelRegistered', 'ch1', CHAT, OWNER, 'Alpha signals'),
              metadata: { correlationId: 'req-1' },
            },
          ],
        });
    });

    it('a second registration of the channel is a conflict', async () => {
      await spec.given(registered).when(({ eventStore }) => commands(eventStore).registerChannel({ ...register, title: 'Other' })).thenThrows('conflict', { message: 'already registered' });
    });

    it('only the chat creator may register it', async () => {
      await spec.given({}).when(({ eventStore }) => commands(eventStore).registerChannel({ ...register, creatorId: '2002' })).thenThrows('forbidden');
    });

    it('the same registration sent twice at once is recorded once, without an error', async () => {
      const eventStore = createInMemoryEventStore();
      const results = await Promise.allSettled([commands(eventStore).registerChannel(register), commands(eventStore).registerChannel(register)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect((await eventStore.readStream(STREAM)).map((e) => e.type)).toEqual(['ChannelRegistered']);
    });
  });

  describe('priceTier', () => {
    const yearly = { channelId: 'ch1', tierId: 'yearly', name: 'Yearly', price: money(9900n, 'USD'), durationDays: 365 };

    it('prices a new tier, money as exact JSON', async () => {
      await spec
        .given(registered)
        .when(({ eventStore }) => commands(eventStore).priceTier(yearly))
        .thenAppends({ [STREAM]: [{ type: 'TierPriced', data: { ...yearly, price: { amount: '9900', currency: 'USD', decimals: 2 }, pricedAt: NOW } }] });
    });

    it('re-pricing with identical terms appends nothing; new terms append a TierPriced', async () => {
      const same = { channelId: 'ch1', tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30 };
      const { result } = await spec.given(registered).when(({ eventStore }) => commands(eventStore).priceTier(same)).thenAppendsNothing();
      expect(result).toEqual({ events: [], revision: 1n });
      await spec
        .given(registered)
        .when(({ eventStore }) => commands(eventStore).priceTier({ ...same, price: money(1500n, 'USD') }))
        .thenAppends({ [STREAM]: [{ type: 'TierPriced', data: { ...same, price: { amount: '1500', currency: 'USD', decimals: 2 }, pricedAt: NOW } }] });
    });

    it('needs a registered channel and a USD price', async () => {
      await spec.given({}).when(({ eventStore }) => commands(eventStore).priceTier(yearly)).thenThrows('not_found');
      await spec.given(registered).when(({ eventStore }) => commands(eventStore).priceTier({ ...yearly, price: money(9900n, 'EUR') })).thenThrows('validation');
    });
  });

  describe('retireTier', () => {
    it('retires a tier once; retiring again appends nothing', async () => {
      const retire = { channelId: 'ch1', tierId: 'monthly' };
      const { eventStore } = await spec
        .given(registered)
        .when(({ eventStore }) => commands(eventStore).retireTier(retire))
        .thenAppends({ [STREAM]: [{ type: 'TierRetired', data: { ...retire, retiredAt: NOW }, id: deterministicId('TierRetired', 'ch1', 'monthly') }] });
      expect((await commands(eventStore).retireTier(retire)).events).toEqual([]);
      await expect(commands(eventStore).priceTier({ ...retire, name: 'Monthly', price: money(100n, 'USD'), durationDays: 30 })).rejects.toMatchObject({ kind: 'conflict' });
    });

    it('an unknown tier is not_found', async () => {
      await spec.given(registered).when(({ eventStore }) => commands(eventStore).retireTier({ channelId: 'ch1', tierId: 'weekly' })).thenThrows('not_found');
    });
  });

  describe('claimOwnership', () => {
    it('the creator takes over from the owner of record', async () => {
      await spec
        .given(registered)
        .when(({ eventStore }) => commands(eventStore).claimOwnership({ channelId: 'ch1', claimantId: '2002', creatorId: '2002' }))
        .thenAppends({ [STREAM]: [{ type: 'ChannelOwnershipClaimed', data: { channelId: 'ch1', previousOwnerId: OWNER, ownerId: '2002', claimedAt: NOW } }] });
    });

    it('a claim resumes payouts held for the previous owner', async () => {
      const held = { type: 'ChannelPayoutsHeld', data: { channelId: 'ch1', ownerId: OWNER, reason: 'owner_not_admin', ownerStatus: 'left', heldAt: T0 } };
      await spec
        .given({ [STREAM]: [...registered[STREAM]!, held] })
        .when(({ eventStore }) => commands(eventStore).claimOwnership({ channelId: 'ch1', claimantId: '2002', creatorId: '2002' }))
        .thenAppends({
          [STREAM]: [
            { type: 'ChannelOwnershipClaimed', data: { channelId: 'ch1', previousOwnerId: OWNER, ownerId: '2002', claimedAt: NOW } },
            { type: 'ChannelPayoutsResumed', data: { channelId: 'ch1', ownerId: '2002', reason: 'ownership_claimed', resumedAt: NOW } },
          ],
        });
    });

    it('someone who is not the creator is forbidden; the owner claiming their own channel appends nothing', async () => {
      await spec.given(registered).when(({ eventStore }) => commands(eventStore).claimOwnership({ channelId: 'ch1', claimantId: '2002', creatorId: '3003' })).thenThrows('forbidden');
      await spec.given(registered).when(({ eventStore }) => commands(eventStore).claimOwnership({ channelId: 'ch1', claimantId: OWNER, creatorId: OWNER })).thenAppendsNothing();
      await spec.given({}).when(({ eventStore }) => commands(eventStore).claimOwnership({ channelId: 'ch1', claimantId: OWNER, creatorId: OWNER })).thenThrows('not_found');
    });
  });

  describe('recordOwnerStatus', () => {
    it('holds payouts when the owner stops being an admin, once, and resumes them when they are again', async () => {
      const { eventStore } = await spec
        .given(registered)
        .when(({ eventStore }) => commands(eventStore).recordOwnerStatus({ channelId: 'ch1', userId: OWNER, status: 'member' }))
        .thenAppends({ [STREAM]: [{ type: 'ChannelPayoutsHeld', data: { channelId: 'ch1', ownerId: OWNER, reason: 'owner_not_admin', ownerStatus: 'member', heldAt: NOW } }] });
      const channel = commands(eventStore);
      expect((await channel.recordOwnerStatus({ channelId: 'ch1', userId: OWNER, status: 'left' })).events).toEqual([]);
      clock.advance(60_000);
      const resumed = await channel.recordOwnerStatus({ channelId: 'ch1', userId: OWNER, status: 'administrator' });
      clock.set(NOW);
      expect(resumed.events).toEqual([
        { type: 'ChannelPayoutsResumed', data: { channelId: 'ch1', ownerId: OWNER, reason: 'owner_admin_again', resumedAt: '2026-01-05T00:01:00.000Z' } },
      ]);
    });

    it("another user's status, or the owner staying admin, appends nothing", async () => {
      await spec.given(registered).when(({ eventStore }) => commands(eventStore).recordOwnerStatus({ channelId: 'ch1', userId: '2002', status: 'left' })).thenAppendsNothing();
      await spec.given(registered).when(({ eventStore }) => commands(eventStore).recordOwnerStatus({ channelId: 'ch1', userId: OWNER, status: 'creator' })).thenAppendsNothing();
    });
  });
});
