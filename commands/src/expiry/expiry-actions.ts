import {
  expiryNoticeDue,
  messages,
  reminderDue,
  revocationDue,
  type ChannelState,
  type EventStore,
  type TelegramGateway,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { executeSubscriptionCommand, loadSubscription } from '../access/subscription-store.ts';
import { renewHint, type ResolvedLifecycleOptions } from '../access/access-options.ts';
import { deterministicId } from '../ids/index.ts';
import { sendDirectMessage } from '../notifier/direct-message.ts';
import { removeFromChat, retryAfterSeconds, type RateLimitPolicy } from '../notifier/telegram-calls.ts';
import type { DueSubscription } from './expiry-source.ts';

export type ExpiryActionDeps = {
  eventStore: EventStore;
  telegram: TelegramGateway;
  clock: () => Date;
  options: ResolvedLifecycleOptions;
  rateLimit?: RateLimitPolicy;
  /** Channels looked up in this sweep (many subscriptions share one). */
  channels: (channelId: string) => Promise<ChannelState>;
  logger?: { warn(object: Record<string, unknown>, message: string): void };
};

export type ActionResult = 'done' | 'skipped';

type Row = DueSubscription;

const metadataFor = (row: Row, period: string) => ({
  correlationId: deterministicId('expiry', row.channelId, row.subscriberId, period),
});

/** Caches channel state for the length of one sweep. */
export const channelCache = (eventStore: EventStore) => {
  const cache = new Map<string, Promise<ChannelState>>();
  return (channelId: string): Promise<ChannelState> => {
    let channel = cache.get(channelId);
    if (!channel) {
      channel = loadChannel(eventStore, channelId);
      cache.set(channelId, channel);
    }
    return channel;
  };
};

const channelOf = async (deps: ExpiryActionDeps, channelId: string) => {
  const channel = await deps.channels(channelId);
  return channel.status === 'registered' ? channel : null;
};

/** The reminder DM, if the stream agrees it is due; recorded after sending (a crash in between may repeat the DM, never the event). */
export const remind = async (deps: ExpiryActionDeps, row: Row, daysBefore: number, now: Date): Promise<ActionResult> => {
  const state = await loadSubscription(deps.eventStore, row.channelId, row.subscriberId);
  const channel = await channelOf(deps, row.channelId);
  if (!channel || !state.period || !reminderDue(state, { period: row.endsAt, daysBefore, now })) return 'skipped';
  const period = state.period.endsAt;
  const text = messages.expiryReminder(deps.options.locale, { channelTitle: channel.title, endsAt: period, now, renewHint: renewHint(deps.options, row.channelId) });
  const outcome = await sendDirectMessage(deps, { userId: row.subscriberId, text });
  const data = { channelId: row.channelId, subscriberId: row.subscriberId, period, daysBefore, ...outcome, sentAt: deps.clock().toISOString() };
  await executeSubscriptionCommand(deps.eventStore, { type: 'RecordExpiryReminder', data }, metadataFor(row, period));
  return 'done';
};

/** The "how to come back" DM of an expired period, once. */
export const sendExpiryNotice = async (deps: ExpiryActionDeps, row: Row): Promise<ActionResult> => {
  const state = await loadSubscription(deps.eventStore, row.channelId, row.subscriberId);
  const channel = await channelOf(deps, row.channelId);
  if (!channel || !state.period || !expiryNoticeDue(state, row.endsAt)) return 'skipped';
  const period = state.period.endsAt;
  const text = messages.accessEnded(deps.options.locale, { channelTitle: channel.title, endedAt: period, renewHint: renewHint(deps.options, row.channelId) });
  const outcome = await sendDirectMessage(deps, { userId: row.subscriberId, text });
  const data = { channelId: row.channelId, subscriberId: row.subscriberId, period, ...outcome, sentAt: deps.clock().toISOString() };
  await executeSubscriptionCommand(deps.eventStore, { type: 'RecordExpiryNotice', data }, metadataFor(row, period));
  return 'done';
};

/**
 * Removal at end + grace: ban, then unban only-if-banned (removes without a lasting ban), then
 * AccessRevoked + SubscriptionExpired, then the notice. If a renewal lands between the check and
 * the ban, the append finds a new period and records nothing; the subscriber rejoins through the
 * link the renewal's DM carries.
 */
export const revoke = async (deps: ExpiryActionDeps, row: Row, now: Date): Promise<ActionResult> => {
  const state = await loadSubscription(deps.eventStore, row.channelId, row.subscriberId);
  const channel = await channelOf(deps, row.channelId);
  if (!channel || !state.period || !revocationDue(state, { period: row.endsAt, now, graceSeconds: deps.options.graceSeconds })) return 'skipped';
  const period = state.period.endsAt;
  const target = { chatId: channel.chatId, userId: row.subscriberId };
  await removeFromChat(deps.telegram, target, deps.rateLimit);
  const data = { channelId: row.channelId, subscriberId: row.subscriberId, period, revokedAt: now.toISOString(), graceSeconds: deps.options.graceSeconds };
  const { events } = await executeSubscriptionCommand(deps.eventStore, { type: 'RevokeAccess', data }, metadataFor(row, period));
  if (events.length > 0) {
    try {
      await sendExpiryNotice(deps, { ...row, endsAt: period });
    } catch (error) {
      // The removal stands; the notice stays pending in the read model for a later sweep.
      if (retryAfterSeconds(error) !== null) throw error;
      deps.logger?.warn({ channelId: row.channelId, subscriberId: row.subscriberId, period, err: error }, 'expiry notice failed; a later sweep sends it');
    }
  }
  return 'done';
};
