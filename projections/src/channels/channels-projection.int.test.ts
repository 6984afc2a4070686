import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelEvents, OWNER } from '@paygate/testkit/fixtures';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { findChannel } from './channel-queries.ts';
import { channelsProjection } from './channels-projection.ts';

// The channels read model fed live from the in-memory store's $all into PostgreSQL.

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(channelsProjection, 'paygate_proj_channels');
});
afterAll(() => h?.close());

const priced = (tierId: string, cents: string, at: string, name = 'Monthly', durationDays = 30) => ({
  type: 'TierPriced',
  data: { channelId: 'ch1', tierId, name, price: { amount: cents, currency: 'USD', decimals: 2 }, durationDays, pricedAt: at },
});

describe('channels projection', () => {
  it('a registered channel with its tier', async () => {
    await h.append({ 'channel-ch1': channelEvents({ channelId: 'ch1', at: '2026-01-01T00:00:00.000Z' }) });
    expect(await findChannel(h.db, LIVE, 'ch1')).toEqual({
      channelId: 'ch1',
      chatId: '-1001000000001',
      ownerId: OWNER,
      title: 'Alpha signals',
      registeredAt: '2026-01-01T00:00:00.000Z',
      ownerClaimedAt: null,
      payoutsHeld: null,
      tiers: [
        {
          tierId: 'monthly',
          name: 'Monthly',
          price: { amount: 1250n, currency: 'USD', decimals: 2 },
          durationDays: 30,
          firstPricedAt: '2026-01-01T00:00:00.000Z',
          pricedAt: '2026-01-01T00:00:00.000Z',
          retired: false,
          retiredAt: null,
        },
      ],
    });
    expect(await findChannel(h.db, LIVE, 'nope')).toBeUndefined();
  });

  it('re-pricing keeps the first priced time; retiring twice keeps the first retirement', async () => {
    await h.append({
      'channel-ch1': [
        priced('monthly', '1500', '2026-01-02T00:00:00.000Z'),
        priced('yearly', '9900', '2026-01-02T00:00:00.000Z', 'Yearly', 365),
        { type: 'TierRetired', data: { channelId: 'ch1', tierId: 'yearly', retiredAt: '2026-01-03T00:00:00.000Z' } },
        { type: 'TierRetired', data: { channelId: 'ch1', tierId: 'yearly', retiredAt: '2026-01-04T00:00:00.000Z' } },
      ],
    });
    const channel = await findChannel(h.db, LIVE, 'ch1');
    expect(channel!.tiers).toEqual([
      expect.objectContaining({ tierId: 'monthly', price: { amount: 1500n, currency: 'USD', decimals: 2 }, firstPricedAt: '2026-01-01T00:00:00.000Z', pricedAt: '2026-01-02T00:00:00.000Z' }),
      expect.objectContaining({ tierId: 'yearly', durationDays: 365, retired: true, retiredAt: '2026-01-03T00:00:00.000Z' }),
    ]);
    const [row] = await h.db.withSchema(LIVE).selectFrom('channel_tiers').select('revisions').where('tier_id', '=', 'monthly').execute();
    expect(row).toEqual({ revisions: 2 });
  });

  it('payouts held, then a claim by the creator: the new owner, resumed payouts', async () => {
    await h.append({
      'channel-ch1': [
        { type: 'ChannelPayoutsHeld', data: { channelId: 'ch1', ownerId: OWNER, reason: 'owner_not_admin', ownerStatus: 'left', heldAt: '2026-01-05T00:00:00.000Z' } },
      ],
    });
    expect((await findChannel(h.db, LIVE, 'ch1'))!.payoutsHeld).toEqual({ reason: 'owner_not_admin', heldAt: '2026-01-05T00:00:00.000Z' });
    await h.append({
      'channel-ch1': [
        { type: 'ChannelOwnershipClaimed', data: { channelId: 'ch1', previousOwnerId: OWNER, ownerId: '2002', claimedAt: '2026-01-06T00:00:00.000Z' } },
        { type: 'ChannelPayoutsResumed', data: { channelId: 'ch1', ownerId: '2002', reason: 'ownership_claimed', resumedAt: '2026-01-06T00:00:00.000Z' } },
      ],
    });
    expect(await findChannel(h.db, LIVE, 'ch1')).toMatchObject({ ownerId: '2002', ownerClaimedAt: '2026-01-06T00:00:00.000Z', payoutsHeld: null });
  });

  it('a second registration event for the channel (a replay) changes nothing; other events are not its business', async () => {
    await h.append({
      'channel-ch1-replayed': channelEvents({ channelId: 'ch1', title: 'Other title' }).slice(0, 1),
      'invoice-inv_1': [{ type: 'Unrelated', data: {} }],
    });
    expect(await findChannel(h.db, LIVE, 'ch1')).toMatchObject({ title: 'Alpha signals', ownerId: '2002' });
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    await h.append({ 'channel-ch2': channelEvents({ channelId: 'ch2', chatId: '-1001000000002', ownerId: '3003' }) });
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});
