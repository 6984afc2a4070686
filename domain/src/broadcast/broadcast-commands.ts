import type { DomainCommand } from '../decider/decider.ts';
import type { BroadcastAudience } from './broadcast-events.ts';
import type { BroadcastSchedule } from './broadcast-schedule.ts';

/**
 * Owner commands carry the channel's owner of record (`ownerId`, from the channel stream) next to
 * who asks (`requestedBy`): only the owner may link, draft, schedule and cancel.
 */
type ByOwner = { channelId: string; requestedBy: string; ownerId: string; at: string };

export type LinkPublicChannel = DomainCommand<'LinkPublicChannel', ByOwner & { publicChatId: string; title: string; username?: string }>;
export type UnlinkPublicChannel = DomainCommand<'UnlinkPublicChannel', ByOwner>;
export type DraftBroadcast = DomainCommand<
  'DraftBroadcast',
  ByOwner & { broadcastId: string; audience: BroadcastAudience; html: string; photo?: string; tierButtons: boolean }
>;
/** `sendNowCooldownSeconds`: the least time between two send-now broadcasts of a channel. */
export type ScheduleBroadcast = DomainCommand<
  'ScheduleBroadcast',
  ByOwner & { broadcastId: string; schedule: BroadcastSchedule; sendNowCooldownSeconds: number }
>;
export type CancelBroadcast = DomainCommand<'CancelBroadcast', ByOwner & { broadcastId: string }>;

/** The scheduler's: the occurrence due at `occurrence` starts with this many frozen recipients. */
export type StartBroadcastOccurrence = DomainCommand<
  'StartBroadcastOccurrence',
  { channelId: string; broadcastId: string; occurrence: string; recipients: number; at: string }
>;
export type CompleteBroadcastOccurrence = DomainCommand<
  'CompleteBroadcastOccurrence',
  { channelId: string; broadcastId: string; occurrence: string; sent: number; failed: number; blocked: number; at: string }
>;

export type BroadcastCommand =
  | LinkPublicChannel
  | UnlinkPublicChannel
  | DraftBroadcast
  | ScheduleBroadcast
  | CancelBroadcast
  | StartBroadcastOccurrence
  | CompleteBroadcastOccurrence;
