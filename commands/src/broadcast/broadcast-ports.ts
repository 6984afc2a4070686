import type { BroadcastAudience } from '@paygate/domain';

/** A broadcast the scheduler must act on: due to start (`nextAt` reached) or mid-send (`running`), from the broadcast_schedules read model. */
export type DueBroadcast = { channelId: string; broadcastId: string; nextAt?: string; running?: string };

export type DueBroadcasts = {
  /** Scheduled broadcasts whose next occurrence is at or before `now`, and occurrences still running; oldest first, at most `limit`. */
  due(now: Date, limit: number): Promise<readonly DueBroadcast[]>;
};

/** Who gets an occurrence, as chat ids, frozen when it starts. */
export type BroadcastRecipients = {
  /**
   * `subscribers`: the channel's subscribers with an active subscription who did not opt out and
   * did not block the bot. (The public channel is taken from the broadcasts stream, not asked.)
   */
  activeSubscribers(channelId: string): Promise<readonly string[]>;
};

/** Where a chat that blocked the bot is written down (the bot's BlockedChatsPort fits). */
export type BlockedChats = { blocked(input: { chatId: string; reason: string; at: string }): Promise<void> };

/** The paid channel as broadcasts need it: its owner (who alone may act and gets the progress), title and tiers for the buttons. */
export type BroadcastChannel = { channelId: string; ownerId: string; title: string; tiers: readonly { tierId: string; name: string; retired: boolean }[] };

export type LoadBroadcastChannel = (channelId: string) => Promise<BroadcastChannel | undefined>;

export type BroadcastLogger = { info(object: object, message?: string): void; warn(object: object, message?: string): void };

export type { BroadcastAudience };
