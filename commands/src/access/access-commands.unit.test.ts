import { describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { commandSpec, testClock } from '@paygate/testkit';
import { channelStream, subscriptionStream } from '@paygate/testkit/fixtures';
import { telegramWorld } from '../test-support/telegram-world.ts';
import { createAccessCommands } from './access-commands.ts';

// The join handlers the bot calls, on the in-memory store with the Telegram sandbox: only the
// subscriber a link was recorded for gets in, once; anyone else is refused or removed.

const setup = async () => {
  const clock = testClock('2026-01-01T01:00:00.000Z');
  const world = telegramWorld(clock);
  const chatId = Number(world.chatId);
  const subscriber = world.newUser('Sam');
  const stranger = world.newUser('Eve');
  // The link the access manager would have made and recorded for the subscriber's invoice.
  const { inviteLink } = await world.telegram.createChatInviteLink({ chatId: world.chatId, name: 'pg1-inv_1', createsJoinRequest: true });
  const given = {
    ...channelStream({ channelId: 'ch1', chatId: world.chatId, ownerId: world.ownerId }),
    ...subscriptionStream('ch1', subscriber, [{ invoiceId: 'inv_1', at: '2026-01-01T00:00:00.000Z', inviteLink, chatId: world.chatId }]),
  };
  const access = (eventStore: EventStore) => createAccessCommands({ eventStore, telegram: world.telegram, clock, options: { botUsername: 'paygate_test_bot' } });
  const link = () => world.sandbox.control.inviteLinks(chatId).find((l) => l.inviteLink === inviteLink)!;
  return { clock, world, chatId, subscriber, stranger, inviteLink, given, access, link };
};

describe('access commands', () => {
  it('the subscriber asks to join through their link: approved, the one-time link revoked, then recorded as a member', async () => {
    const { world, chatId, subscriber, inviteLink, given, access, link } = await setup();
    expect(world.sandbox.control.joinViaLink({ userId: Number(subscriber), inviteLink }).outcome).toBe('requested');
    const stream = `subscription-ch1-${subscriber}`;
    await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => {
        const request = { channelId: 'ch1', userId: subscriber, inviteLink, linkName: 'pg1-inv_1' };
        expect(await access(eventStore).handleJoinRequest(request)).toEqual({ action: 'approve' });
        expect(await access(eventStore).handleMemberJoined({ channelId: 'ch1', userId: subscriber, inviteLink, createdByBot: true })).toEqual({ kind: 'member' });
        // The bot sees each update at least once: a repeated join changes nothing.
        expect(await access(eventStore).handleMemberJoined({ channelId: 'ch1', userId: subscriber, inviteLink, createdByBot: true })).toEqual({ kind: 'member' });
      })
      .thenAppends({
        [stream]: [
          { type: 'JoinRequestApproved', data: { channelId: 'ch1', subscriberId: subscriber, inviteLink, approvedAt: '2026-01-01T01:00:00.000Z' } },
          { type: 'MemberJoined', data: { channelId: 'ch1', subscriberId: subscriber, inviteLink, joinedAt: '2026-01-01T01:00:00.000Z' } },
        ],
      });
    expect(world.sandbox.control.member(chatId, Number(subscriber)).status).toBe('member');
    expect(link().isRevoked).toBe(true);
  });

  // A join request's update delivered again once it was approved and used (getUpdates is
  // at-least-once) used to ask Telegram to approve again, get USER_ALREADY_PARTICIPANT and throw,
  // and to record a false JoinRequestDeclined('used').
  it('a join request redelivered after its approval and the join changes nothing and calls Telegram no more', async () => {
    const { world, subscriber, inviteLink, given, access } = await setup();
    world.sandbox.control.joinViaLink({ userId: Number(subscriber), inviteLink });
    const request = { channelId: 'ch1', userId: subscriber, inviteLink, linkName: 'pg1-inv_1' };
    await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => {
        await access(eventStore).handleJoinRequest(request);
        await access(eventStore).handleMemberJoined({ channelId: 'ch1', userId: subscriber, inviteLink, createdByBot: true });
        expect(await access(eventStore).handleJoinRequest(request)).toEqual({ action: 'already_joined' });
      })
      .thenAppends({ [`subscription-ch1-${subscriber}`]: [{ type: 'JoinRequestApproved' }, { type: 'MemberJoined' }] });
    expect(world.sandbox.control.calls('approveChatJoinRequest')).toHaveLength(1);
    expect(world.sandbox.control.calls('declineChatJoinRequest')).toHaveLength(0);
  });

  it("someone else with the subscriber's link is declined and told why; the link stays the subscriber's", async () => {
    const { world, chatId, stranger, inviteLink, given, access, link } = await setup();
    world.sandbox.control.joinViaLink({ userId: Number(stranger), inviteLink });
    await commandSpec()
      .given(given)
      .when(async ({ eventStore }) =>
        expect(await access(eventStore).handleJoinRequest({ channelId: 'ch1', userId: stranger, inviteLink, linkName: 'pg1-inv_1' })).toEqual({
          action: 'decline',
          reason: 'not_issued',
          linkRevoked: false,
        }),
      )
      .thenAppends({ [`subscription-ch1-${stranger}`]: [{ type: 'JoinRequestDeclined', data: { channelId: 'ch1', subscriberId: stranger, inviteLink, reason: 'not_issued', declinedAt: '2026-01-01T01:00:00.000Z' } }] });
    expect(world.sandbox.control.member(chatId, Number(stranger)).status).toBe('left');
    expect(world.sandbox.control.joinRequests(chatId)).toEqual([]);
    expect(link().isRevoked).toBe(false);
    expect(world.dms(stranger)).toEqual([expect.stringContaining('paygate_test_bot?start=ch1')]);
  });

  it('after the period and its grace, the subscriber is declined too', async () => {
    const { clock, world, subscriber, inviteLink, given, access } = await setup();
    clock.set('2026-02-02T00:00:00.000Z'); // ended 2026-01-31, grace 1 day
    world.sandbox.control.joinViaLink({ userId: Number(subscriber), inviteLink });
    const { result } = await commandSpec()
      .given(given)
      .when(({ eventStore }) => access(eventStore).handleJoinRequest({ channelId: 'ch1', userId: subscriber, inviteLink, linkName: 'pg1-inv_1' }))
      .thenAppends({ [`subscription-ch1-${subscriber}`]: [{ type: 'JoinRequestDeclined' }] });
    expect(result).toMatchObject({ action: 'decline', reason: 'not_active' });
  });

  it('a stranger who got in through a PayGate link not theirs is removed (ban, then unban) and the link revoked', async () => {
    const { world, chatId, stranger, given, access } = await setup();
    const leaked = await world.telegram.createChatInviteLink({ chatId: world.chatId, name: 'pg1-inv_9' });
    expect(world.sandbox.control.joinViaLink({ userId: Number(stranger), inviteLink: leaked.inviteLink }).outcome).toBe('joined');
    const { result } = await commandSpec()
      .given(given)
      .when(({ eventStore }) => access(eventStore).handleMemberJoined({ channelId: 'ch1', userId: stranger, inviteLink: leaked.inviteLink, createdByBot: true }))
      .thenAppends({ [`subscription-ch1-${stranger}`]: [{ type: 'IntruderRemoved', data: { channelId: 'ch1', subscriberId: stranger, inviteLink: leaked.inviteLink, removedAt: '2026-01-01T01:00:00.000Z' } }] });
    expect(result).toEqual({ kind: 'intruder' });
    expect(world.sandbox.control.member(chatId, Number(stranger)).status).toBe('left'); // removed, not banned for good
    expect(world.sandbox.control.inviteLinks(chatId).find((l) => l.inviteLink === leaked.inviteLink)!.isRevoked).toBe(true);
  });

  it('the owner, and joins through links PayGate did not make, are left alone; an unknown channel is not_found', async () => {
    const { world, stranger, given, access } = await setup();
    await commandSpec()
      .given(given)
      .when(async ({ eventStore }) => {
        expect(await access(eventStore).handleMemberJoined({ channelId: 'ch1', userId: world.ownerId, createdByBot: false })).toEqual({ kind: 'ignore' });
        expect(await access(eventStore).handleMemberJoined({ channelId: 'ch1', userId: stranger, inviteLink: 'https://t.me/+owners-own', createdByBot: false })).toEqual({ kind: 'ignore' });
      })
      .thenAppendsNothing();
    await commandSpec()
      .given({})
      .when(({ eventStore }) => access(eventStore).handleJoinRequest({ channelId: 'ch1', userId: stranger, inviteLink: 'https://t.me/+x' }))
      .thenThrows('not_found');
    expect(world.sandbox.control.calls('banChatMember')).toEqual([]);
  });
});
