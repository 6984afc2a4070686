import { describe, expect, it } from 'vitest';
import { isPayGateError } from '@paygate/domain';
import { broadcastWorld } from './broadcast-test-world.ts';

describe('broadcast commands', () => {
  it('only the channel owner drafts; an unknown channel is not found; nothing is appended', async () => {
    const { commands, eventStore, owner } = broadcastWorld(0);
    const draft = { broadcastId: 'b1', audience: 'subscribers' as const, html: 'Hi', tierButtons: false };
    await expect(commands.draftBroadcast({ ...owner, requestedBy: '999', ...draft })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(commands.draftBroadcast({ ...owner, channelId: 'nope', ...draft })).rejects.toMatchObject({ kind: 'not_found' });
    expect(await eventStore.readAll()).toEqual([]);
  });

  it('send-now has a cooldown per channel, with the seconds left', async () => {
    const { commands, plan, owner, clock } = broadcastWorld(0);
    await plan('b1', { kind: 'now' });
    await commands.draftBroadcast({ ...owner, broadcastId: 'b2', audience: 'subscribers', html: 'Again', tierButtons: false });
    clock.advance(600_000);
    const error = await commands.scheduleBroadcast({ ...owner, broadcastId: 'b2', schedule: { kind: 'now' } }).catch((e: unknown) => e);
    expect(isPayGateError(error) && error.kind).toBe('rate_limited');
    expect(isPayGateError(error) && error.details.retryAfterSeconds).toBe(3000);
    clock.advance(3_000_000);
    expect((await commands.scheduleBroadcast({ ...owner, broadcastId: 'b2', schedule: { kind: 'now' } })).events).toHaveLength(1);
  });

  it('links a public channel and keeps opt-outs per subscriber', async () => {
    const { commands, owner } = broadcastWorld(0);
    await commands.linkPublicChannel({ ...owner, publicChatId: '-1001', title: 'Alpha news' });
    expect((await commands.loadBroadcasts('ch1')).publicChannel).toEqual({ chatId: '-1001', title: 'Alpha news' });
    expect((await commands.setBroadcastOptOut({ channelId: 'ch1', subscriberId: '5001', optedOut: true })).events.map((e) => e.type)).toEqual(['BroadcastOptedOut']);
    expect((await commands.setBroadcastOptOut({ channelId: 'ch1', subscriberId: '5001', optedOut: true })).events).toEqual([]);
  });
});
