import type { BroadcastsState } from '@paygate/domain';
import type { BroadcastCommands } from './broadcast-commands.ts';
import type { BroadcastRecipients, DueBroadcast, LoadBroadcastChannel } from './broadcast-ports.ts';
import { sendOccurrence, type BroadcastSenderDeps, type DeliveryCounts } from './broadcast-sender.ts';
import { ENGLISH_BROADCAST_TEXTS } from './broadcast-texts.ts';
import { openDeliveryLog } from './delivery-log.ts';
import { ownerProgress, type OwnerProgress } from './owner-progress.ts';

export type OccurrenceRunnerDeps = BroadcastSenderDeps & {
  commands: BroadcastCommands;
  recipients: BroadcastRecipients;
  loadChannel: LoadBroadcastChannel;
  /** The owner's progress DM is edited at most this often (default 5 s). */
  progressEveryMs?: number;
};

export type OccurrenceRun =
  | { broadcastId: string; occurrence: string; sent: number; failed: number; blocked: number; complete: boolean; halted?: string }
  | undefined;

const recipientsOf = async (deps: OccurrenceRunnerDeps, state: BroadcastsState, channelId: string, audience: 'public_channel' | 'subscribers') =>
  audience === 'public_channel' ? (state.publicChannel ? [state.publicChannel.chatId] : []) : [...(await deps.recipients.activeSubscribers(channelId))];

/**
 * The channel is no longer registered: nothing can be sent for it (no owner, no tiers), and
 * throwing would retry it every pass forever. Every recipient not yet done fails as
 * `channel_gone` (permanent) and the occurrence completes.
 */
const abandonOccurrence = async (deps: OccurrenceRunnerDeps, channelId: string, broadcastId: string, occurrence: string): Promise<OccurrenceRun> => {
  const log = await openDeliveryLog(deps.eventStore, broadcastId, occurrence);
  const left = log.state().recipients.filter((chatId) => !log.state().done.has(chatId));
  // Appended a slice at a time: one event per chat, and a big audience would make one append huge.
  for (let from = 0; from < left.length; from += 500) {
    const chatIds = left.slice(from, from + 500);
    await log.apply([{ type: 'AbandonBroadcastDelivery', data: { broadcastId, occurrence, chatIds, reason: 'channel_gone', at: deps.clock().toISOString() } }]);
  }
  const { sent, failed, blocked } = log.state();
  await deps.commands.completeOccurrence({ channelId, broadcastId, occurrence, sent, failed, blocked });
  deps.logger?.warn({ channelId, broadcastId, occurrence, abandoned: left.length }, 'broadcast occurrence abandoned: its channel is no longer registered');
  return { broadcastId, occurrence, sent, failed, blocked, complete: true };
};

/**
 * Acts on one due broadcast, deciding from its stream (the read model that found it may lag):
 * a running occurrence is resumed; a scheduled one whose time has come starts — its recipients
 * frozen into the delivery stream first, then BroadcastOccurrenceStarted — and is sent; when
 * every recipient has an outcome the occurrence completes (a recurrence gets its next time).
 */
export const runDueBroadcast = async (deps: OccurrenceRunnerDeps, due: DueBroadcast, signal?: AbortSignal): Promise<OccurrenceRun> => {
  const { channelId, broadcastId } = due;
  const state = await deps.commands.loadBroadcasts(channelId);
  const plan = state.broadcasts.get(broadcastId);
  if (!plan) return undefined;
  let occurrence = plan.running;
  if (occurrence === undefined) {
    if (plan.status !== 'scheduled' || plan.nextAt === undefined || Date.parse(plan.nextAt) > deps.clock().getTime()) return undefined;
    occurrence = plan.nextAt;
    const log = await openDeliveryLog(deps.eventStore, broadcastId, occurrence);
    const chatIds = await recipientsOf(deps, state, channelId, plan.audience);
    await log.apply([{ type: 'ListBroadcastRecipients', data: { broadcastId, occurrence, chatIds, at: deps.clock().toISOString() } }]);
    await deps.commands.startOccurrence({ channelId, broadcastId, occurrence, recipients: log.state().recipients.length });
  }
  const channel = await deps.loadChannel(channelId);
  if (!channel) return abandonOccurrence(deps, channelId, broadcastId, occurrence);
  const texts = deps.texts ?? ENGLISH_BROADCAST_TEXTS;
  let progress: OwnerProgress | undefined;
  // Only the first pass announces the send; a resumed one (after a halt, release or restart)
  // says nothing until the occurrence completes, so an outage does not flood the owner's chat.
  const onStart = async (initial: DeliveryCounts, pass: { firstPass: boolean }) => {
    progress = await ownerProgress({
      announce: pass.firstPass,
      telegram: deps.telegram,
      ownerId: channel.ownerId,
      title: channel.title,
      texts,
      now: () => deps.clock().getTime(),
      everyMs: deps.progressEveryMs ?? 5_000,
      initial,
      ...(deps.logger ? { logger: deps.logger } : {}),
    });
  };
  const result = await sendOccurrence(deps, {
    channelId,
    occurrence,
    plan,
    channel,
    onStart,
    onProgress: (counts) => progress?.update(counts),
    ...(signal ? { signal } : {}),
  });
  if (result.complete) {
    await deps.commands.completeOccurrence({ channelId, broadcastId, occurrence, sent: result.sent, failed: result.failed, blocked: result.blocked });
    deps.logger?.info({ channelId, broadcastId, occurrence, sent: result.sent, failed: result.failed, blocked: result.blocked }, 'broadcast occurrence completed');
  }
  if (result.halted !== undefined) {
    deps.logger?.warn({ channelId, broadcastId, occurrence, reason: result.halted }, 'broadcast stopped: Telegram did not take the messages; the next pass resumes it');
  }
  await progress?.finish(result);
  return {
    broadcastId,
    occurrence,
    sent: result.sent,
    failed: result.failed,
    blocked: result.blocked,
    complete: result.complete,
    ...(result.halted !== undefined ? { halted: result.halted } : {}),
  };
};
