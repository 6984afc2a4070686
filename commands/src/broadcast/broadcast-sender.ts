import { pendingRecipients, type BroadcastPlan, type EventStore, type TelegramGateway } from '@paygate/domain';
import { atPriority } from '../notifier/telegram-priority.ts';
import type { BlockedChats, BroadcastChannel, BroadcastLogger } from './broadcast-ports.ts';
import { broadcastKeyboard, sendBroadcastMessage } from './broadcast-message.ts';
import { ENGLISH_BROADCAST_TEXTS, type BroadcastTexts } from './broadcast-texts.ts';
import { outcomeCommand, sendToChat, type SendAttemptPolicy } from './chat-outcome.ts';
import { openDeliveryLog } from './delivery-log.ts';

export type BroadcastSenderDeps = {
  eventStore: EventStore;
  /** Sent at priority 'broadcast': invites, reminders and notices always go first. */
  telegram: TelegramGateway;
  clock: () => Date;
  botUsername: string;
  blockedChats?: BlockedChats;
  texts?: BroadcastTexts;
  /** Chats claimed (and recorded) per append; a hard crash loses at most these (default 25). */
  chunkSize?: number;
  /** Chunks in flight at once, so sends go on while a chunk's outcomes are appended (default 4). */
  parallelChunks?: number;
  policy?: Partial<SendAttemptPolicy>;
  logger?: BroadcastLogger;
};

export type DeliveryCounts = { total: number; sent: number; failed: number; blocked: number; done: number };

export type SendOccurrenceInput = {
  channelId: string;
  occurrence: string;
  plan: BroadcastPlan;
  channel: BroadcastChannel;
  /** Stops claiming new chunks; chats in flight finish and are recorded. */
  signal?: AbortSignal;
  /** Called once the delivery stream is read (the counts so far), before anything is sent. */
  onStart?: (counts: DeliveryCounts) => Promise<void>;
  onProgress?: (counts: DeliveryCounts) => void;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one occurrence to its frozen recipients, resuming from the delivery stream: chats sent or
 * failed are skipped, chats a dead sender claimed are failed as `interrupted`, the rest are
 * claimed a chunk at a time, sent, and their outcomes appended. Returns the counts; `complete`
 * says whether every recipient has an outcome (false when stopped by the signal).
 */
export const sendOccurrence = async (deps: BroadcastSenderDeps, input: SendOccurrenceInput): Promise<DeliveryCounts & { complete: boolean }> => {
  const { plan, occurrence } = input;
  const telegram = atPriority(deps.telegram, 'broadcast');
  const policy: SendAttemptPolicy = { max429Waits: 5, max5xxRetries: 2, sleep: realSleep, ...deps.policy };
  const chunkSize = deps.chunkSize ?? 25;
  const keyboard = broadcastKeyboard(plan, input.channel, deps.botUsername, deps.texts ?? ENGLISH_BROADCAST_TEXTS);
  const base = () => ({ broadcastId: plan.broadcastId, occurrence, at: deps.clock().toISOString() });

  const log = await openDeliveryLog(deps.eventStore, plan.broadcastId, occurrence);
  if (log.state().claimed.size > 0) await log.apply([{ type: 'InterruptBroadcastClaims', data: base() }]);
  const counts = (): DeliveryCounts => {
    const s = log.state();
    return { total: s.recipients.length, sent: s.sent, failed: s.failed, blocked: s.blocked, done: s.done.size };
  };
  const pending = pendingRecipients(log.state());
  await input.onStart?.(counts());
  let cursor = 0;

  const sendChunk = async (chatIds: readonly string[]) => {
    await log.apply([{ type: 'ClaimBroadcastDelivery', data: { ...base(), chatIds, runId: log.runId } }]);
    const outcomes = await Promise.all(
      chatIds.map(async (chatId) => {
        const outcome = await sendToChat(() => sendBroadcastMessage(telegram, plan, chatId, keyboard), policy);
        if (outcome.kind === 'failed' && outcome.reason === 'blocked') {
          // Best effort: the outcome (in the stream) is what keeps the chat from being retried.
          await deps.blockedChats?.blocked({ chatId, reason: 'blocked', at: deps.clock().toISOString() }).catch((error: unknown) => {
            deps.logger?.warn({ err: error, chatId, broadcastId: plan.broadcastId }, 'blocked chat not written down');
          });
        }
        return outcomeCommand(base(), chatId, outcome);
      }),
    );
    await log.apply(outcomes);
    input.onProgress?.(counts());
  };

  // A worker that fails stops its siblings from claiming more; the run fails only once none is
  // still sending, so nothing goes on unwatched after the caller hears of the failure.
  const stop = new AbortController();
  const worker = async () => {
    while (input.signal?.aborted !== true && !stop.signal.aborted && cursor < pending.length) {
      const chunk = pending.slice(cursor, cursor + chunkSize);
      cursor += chunkSize;
      try {
        await sendChunk(chunk);
      } catch (error) {
        stop.abort(error);
        throw error;
      }
    }
  };
  await Promise.allSettled(Array.from({ length: Math.max(1, deps.parallelChunks ?? 4) }, worker));
  if (stop.signal.aborted) throw stop.signal.reason;
  const final = counts();
  return { ...final, complete: final.done === final.total };
};
