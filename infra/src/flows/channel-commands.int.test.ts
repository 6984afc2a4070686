import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelStreamId, money } from '@paygate/domain';
import { createChannelCommands } from '@paygate/commands';
import { startFlowHarness, typesOf, type FlowHarness } from './test-support/flow-harness.ts';

let h: FlowHarness;
beforeAll(async () => {
  h = await startFlowHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('channel commands on the PostgreSQL event store', () => {
  const registration = { channelId: 'ch_cmd', chatId: '-1001', ownerId: '42', title: 'Alpha' };

  it('registers once: identical registrations racing record one event, a different one is a conflict', async () => {
    const commands = createChannelCommands({ eventStore: h.eventStore, clock: () => new Date('2026-01-01T00:00:00Z') });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => commands.registerChannel(registration)));
    // Each racer either appended the same event (same id) or met "already registered" on its retry.
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ kind: 'conflict' });
    }
    expect(results.some((result) => result.status === 'fulfilled')).toBe(true);
    expect(typesOf(await h.eventStore.readStream(channelStreamId('ch_cmd')))).toEqual(['ChannelRegistered']);
    await expect(commands.registerChannel({ ...registration, title: 'Other' })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('prices, re-prices with identical terms for nothing, retires once, refuses to re-price a retired tier', async () => {
    const commands = h.flow.channels;
    const tier = { channelId: 'ch_cmd', tierId: 'gold', name: 'Gold', price: money(999n, 'USD'), durationDays: 30 };
    expect((await commands.priceTier(tier)).events).toHaveLength(1);
    expect((await commands.priceTier(tier)).events).toEqual([]);
    expect((await commands.priceTier({ ...tier, price: money(1099n, 'USD') })).events).toHaveLength(1);
    expect((await commands.retireTier({ channelId: 'ch_cmd', tierId: 'gold' })).events).toHaveLength(1);
    expect((await commands.retireTier({ channelId: 'ch_cmd', tierId: 'gold' })).events).toEqual([]);
    await expect(commands.priceTier(tier)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(commands.priceTier({ ...tier, channelId: 'ch_none' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(commands.priceTier({ ...tier, tierId: 'eur', price: money(100n, 'BTC') })).rejects.toMatchObject({ kind: 'validation' });
    expect(typesOf(await h.eventStore.readStream(channelStreamId('ch_cmd')))).toEqual([
      'ChannelRegistered',
      'TierPriced',
      'TierPriced',
      'TierRetired',
    ]);
  });
});
