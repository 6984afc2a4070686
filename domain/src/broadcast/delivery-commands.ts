import type { DomainCommand } from '../decider/decider.ts';

type Occurrence = { broadcastId: string; occurrence: string; at: string };

/** Freezes the recipients (duplicates dropped, order kept); a second listing changes nothing. */
export type ListBroadcastRecipients = DomainCommand<'ListBroadcastRecipients', Occurrence & { chatIds: readonly string[] }>;
/** `runId`: the claiming sender run's random id — two runs' claims are never the same event. */
export type ClaimBroadcastDelivery = DomainCommand<'ClaimBroadcastDelivery', Occurrence & { chatIds: readonly string[]; runId: string }>;
export type RecordBroadcastSent = DomainCommand<'RecordBroadcastSent', Occurrence & { chatId: string; messageId: number }>;
export type RecordBroadcastFailed = DomainCommand<'RecordBroadcastFailed', Occurrence & { chatId: string; reason: string; permanent: boolean }>;
/** A sender (re)starting the occurrence: chats claimed by one that died are failed as `interrupted`, never re-sent. */
export type InterruptBroadcastClaims = DomainCommand<'InterruptBroadcastClaims', Occurrence>;
/**
 * Claimed chats Telegram certainly did not get (it refused the bot, could not be reached): pending again, sent by a later pass.
 * `systemic`: the whole run stopped (an outage, a shutdown), not these chats — it does not count toward a chat's release limit.
 */
export type ReleaseBroadcastDelivery = DomainCommand<'ReleaseBroadcastDelivery', Occurrence & { chatIds: readonly string[]; reason: string; systemic?: boolean }>;

/** These recipients cannot be sent at all (the channel is gone): each not yet done is failed, permanently, with `reason`. */
export type AbandonBroadcastDelivery = DomainCommand<'AbandonBroadcastDelivery', Occurrence & { chatIds: readonly string[]; reason: string }>;

export type DeliveryCommand =
  | AbandonBroadcastDelivery
  | ListBroadcastRecipients
  | ClaimBroadcastDelivery
  | RecordBroadcastSent
  | RecordBroadcastFailed
  | InterruptBroadcastClaims
  | ReleaseBroadcastDelivery;
