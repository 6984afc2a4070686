import {
  classifyJoin,
  isPayGateError,
  joinRequestVerdict,
  messages,
  PayGateError,
  type ChannelState,
  type EventStore,
  type JoinDeclineReason,
  type TelegramGateway,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { sendDirectMessage } from '../notifier/direct-message.ts';
import { withRateLimit, type RateLimitPolicy } from '../notifier/telegram-calls.ts';
import { atPriority } from '../notifier/telegram-priority.ts';
import { renewHint, resolveLifecycleOptions, type LifecycleOptions } from './access-options.ts';
import { executeSubscriptionCommand, loadSubscription } from './subscription-store.ts';

export type AccessCommandDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  clock: () => Date;
  options?: LifecycleOptions;
  rateLimit?: RateLimitPolicy;
};

/** A chat_join_request update, as the bot reads it. */
export type JoinRequestInput = { channelId: string; userId: string; inviteLink: string; linkName?: string };

/** A chat_member update where the user became a member; `inviteLink` when Telegram says which link was used. */
export type MemberJoinedInput = { channelId: string; userId: string; inviteLink?: string; createdByBot: boolean };

export type JoinRequestOutcome =
  | { action: 'approve' }
  | { action: 'already_joined' }
  | { action: 'decline'; reason: JoinDeclineReason; linkRevoked: boolean };

export type MemberJoinedOutcome = { kind: 'member' | 'intruder' | 'ignore' };

export type AccessCommands = {
  /**
   * Decides a join request by PayGate's rule (only the subscriber the link was recorded for, once,
   * while their period runs), records it, and carries it out: approve, then revoke the link
   * (one-time); or decline, revoke an orphan or spent link, and tell the requester why.
   * Safe to repeat for the same update.
   */
  handleJoinRequest(input: JoinRequestInput): Promise<JoinRequestOutcome>;
  /** Records a member who joined through their link; removes (ban + unban) one who joined through a PayGate link not theirs. */
  handleMemberJoined(input: MemberJoinedInput): Promise<MemberJoinedOutcome>;
};

type Registered = Extract<ChannelState, { status: 'registered' }>;

// Telegram answers 400 to approving or declining a request that is already handled: nothing left to do.
const alreadyHandled = (error: unknown) => isPayGateError(error) && (error.kind === 'validation' || error.kind === 'not_found');

export const createAccessCommands = (given: AccessCommandDeps): AccessCommands => {
  // Approvals, declines, removals and their DMs are access messages: first in Telegram's queue.
  const deps = { ...given, telegram: atPriority(given.telegram, 'access') };
  const { eventStore, telegram, clock } = deps;
  const options = resolveLifecycleOptions(deps.options);
  const call = <T>(fn: () => Promise<T>) => withRateLimit(fn, deps.rateLimit);

  const requireChannel = async (channelId: string): Promise<Registered> => {
    const channel = await loadChannel(eventStore, channelId);
    if (channel.status !== 'registered') throw new PayGateError('not_found', `channel ${channelId} is not registered`, { channelId });
    return channel;
  };

  const idempotent = async (fn: () => Promise<unknown>) => {
    try {
      await call(fn);
    } catch (error) {
      if (!alreadyHandled(error)) throw error;
    }
  };

  const revoke = (chatId: string, inviteLink: string) => idempotent(() => telegram.revokeChatInviteLink({ chatId, inviteLink }));

  return {
    async handleJoinRequest({ channelId, userId, inviteLink, linkName }) {
      const channel = await requireChannel(channelId);
      const requestedAt = clock();
      const data = {
        channelId,
        subscriberId: userId,
        inviteLink,
        requestedAt: requestedAt.toISOString(),
        graceSeconds: options.graceSeconds,
        ...(linkName === undefined ? {} : { linkName }),
      };
      const { events, state } = await executeSubscriptionCommand(eventStore, { type: 'DecideJoinRequest', data });
      const verdict = joinRequestVerdict(state, { inviteLink, ...(linkName === undefined ? {} : { linkName }), nowMs: requestedAt.getTime(), graceSeconds: options.graceSeconds });
      // A copy of a request whose subscriber already joined: Telegram has nothing pending to answer.
      if (verdict.action === 'already_joined') return { action: 'already_joined' };
      if (verdict.action === 'approve') {
        await idempotent(() => telegram.approveChatJoinRequest({ chatId: channel.chatId, userId }));
        await revoke(channel.chatId, inviteLink);
        return { action: 'approve' };
      }
      await idempotent(() => telegram.declineChatJoinRequest({ chatId: channel.chatId, userId }));
      if (verdict.revokeLink) await revoke(channel.chatId, inviteLink);
      if (events.length > 0) {
        // Bots may write to a user who asked to join; a refusal without a reason would only confuse.
        const text = messages.joinRequestDeclined(options.locale, { channelTitle: channel.title, renewHint: renewHint(options, channelId) });
        await sendDirectMessage(deps, { userId, text }).catch(() => undefined);
      }
      return { action: 'decline', reason: verdict.reason, linkRevoked: verdict.revokeLink };
    },

    async handleMemberJoined({ channelId, userId, inviteLink, createdByBot }) {
      const channel = await requireChannel(channelId);
      if (userId === channel.ownerId) return { kind: 'ignore' };
      const joinedAt = clock();
      const state = await loadSubscription(eventStore, channelId, userId);
      const link = inviteLink === undefined ? {} : { inviteLink };
      const joined = classifyJoin(state, { ...link, createdByBot, nowMs: joinedAt.getTime(), graceSeconds: options.graceSeconds });
      const pair = { channelId, subscriberId: userId };
      if (joined.kind === 'member') {
        const data = { ...pair, ...link, createdByBot, joinedAt: joinedAt.toISOString(), graceSeconds: options.graceSeconds };
        await executeSubscriptionCommand(eventStore, { type: 'RecordMemberJoined', data });
        return { kind: 'member' };
      }
      if (joined.kind === 'intruder') {
        // Removal, never a lasting ban: they may still subscribe and come back.
        await call(() => telegram.banChatMember({ chatId: channel.chatId, userId }));
        await call(() => telegram.unbanChatMember({ chatId: channel.chatId, userId, onlyIfBanned: true }));
        await revoke(channel.chatId, joined.inviteLink);
        const data = { ...pair, inviteLink: joined.inviteLink, removedAt: clock().toISOString() };
        await executeSubscriptionCommand(eventStore, { type: 'RecordIntruderRemoved', data });
      }
      return { kind: joined.kind };
    },
  };
};
