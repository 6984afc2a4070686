import type { BotBroadcastSchedule } from '../deps.ts';

export type BroadcastAudience = 'public_channel' | 'subscribers';
export type BroadcastTimedKind = 'once' | 'daily' | 'weekly';
/** Why a public channel cannot be linked. */
export type PublicLinkRefusal = 'not_found' | 'not_channel' | 'same_chat' | 'paid_channel' | 'owner_not_admin' | 'bot_not_admin' | 'bot_cannot_post' | 'linked_elsewhere';

/** The broadcast texts' keys and parameters (see bot-catalogue.ts). Plain texts, no parse mode. */
export type BroadcastMessageParams = {
  broadcastsUnavailable: Record<string, never>;
  // Linking the public channel.
  linkPublicUsage: Record<string, never>;
  publicLinkRefused: { reason: PublicLinkRefusal; target: string; channelTitle: string };
  publicLinked: { channelTitle: string; publicTitle: string; username?: string };
  publicUnlinked: { channelTitle: string; publicTitle: string };
  publicNotLinked: { channelTitle: string };
  /** The bot was made admin of a chat already linked as a paid channel's public one: it is not registered. */
  publicChannelNotRegistered: { chatTitle: string; channelTitle: string };
  // Composing.
  broadcastChooseAudience: { channelTitle: string; publicTitle?: string };
  toPublicButton: { publicTitle: string };
  toSubscribersButton: Record<string, never>;
  broadcastAskContent: { channelTitle: string; audience: BroadcastAudience; publicTitle?: string };
  broadcastContentEmpty: Record<string, never>;
  broadcastContentTooLong: { max: number; photo: boolean };
  broadcastPreviewIntro: Record<string, never>;
  broadcastControls: { audience: BroadcastAudience; channelTitle: string };
  sendNowButton: Record<string, never>;
  onceButton: Record<string, never>;
  dailyButton: Record<string, never>;
  weeklyButton: Record<string, never>;
  discardButton: Record<string, never>;
  broadcastAskTime: { kind: BroadcastTimedKind };
  broadcastTimeInvalid: { kind: BroadcastTimedKind; error: 'format' | 'zone' | 'date' | 'past' };
  broadcastNotDraft: Record<string, never>;
  broadcastDiscarded: Record<string, never>;
  broadcastSendingNow: { channelTitle: string; audience: BroadcastAudience };
  broadcastScheduled: { schedule: BotBroadcastSchedule; nextAt?: string };
  broadcastCooldown: { availableAt: string; retryAfterSeconds: number };
  /** A once too close to another one-off broadcast of the channel (they keep the send-now cooldown between them). */
  broadcastOnceTooClose: { earliestAt: string };
  // The listing.
  broadcastsNone: { channelTitle: string };
  broadcastsList: {
    channelTitle: string;
    broadcasts: readonly { number: number; audience: BroadcastAudience; schedule?: BotBroadcastSchedule; nextAt?: string; preview: string }[];
  };
  cancelBroadcastButton: { number: number };
  broadcastCancelled: Record<string, never>;
  // What recipients see under a broadcast, and the opt-out.
  optOutButton: Record<string, never>;
  optInButton: Record<string, never>;
  optedOut: { channelTitle: string };
  optedIn: { channelTitle: string };
  optUsage: { command: 'optout' | 'optin'; channels: readonly { code: string; title: string }[] };
};
