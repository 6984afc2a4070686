import { pendingRecipients, type BroadcastPlan, type EventStore, type TelegramGateway } from '@paygate/domain';
import { atPriority } from '../notifier/telegram-priority.ts';
import type { BlockedChats, BroadcastChannel, BroadcastLogger } from './broadcast-ports.ts';
import { broadcastKeyboard, sendBroadcastMessage } from './broadcast-message.ts';
import { ENGLISH_BROADCAST_TEXTS, type BroadcastTexts } from './broadcast-texts.ts';
import { chunkCommands, sendToChat, type SendAttemptPolicy } from './chat-outcome.ts';
import { notSentWatch, RunHalted } from './not-sent-watch.ts';
import { openDeliveryLog } from './delivery-log.ts';
import { runBackoff } from './run-backoff.ts';

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
  /** Chats Telegram did not get in a row (5xx after retries, unreachable) that stop the run (default 3); a refused token stops it at once. */
  maxNotSentInARow?: number;
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
  /**
   * Called once the delivery stream is read (the counts so far), before anything is sent.
   * `firstPass`: no earlier pass got anywhere (nothing done, claimed or released before).
   */
  onStart?: (counts: DeliveryCounts, pass: { firstPass: boolean }) => Promise<void>;
  onProgress?: (counts: DeliveryCounts) => void;
};

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export type SendOccurrenceResult = DeliveryCounts & {
  complete: boolean;
  /** Why the run stopped early: Telegram did not take the messages (their chats are released for the next pass). */
  halted?: string;
};

/**
 * Sends one occurrence to its frozen recipients, resuming from the delivery stream: chats sent or
 * failed are skipped, chats a dead sender claimed are failed as `interrupted`, the rest are
 * claimed a chunk at a time, sent, and their outcomes appended. Chats Telegram certainly did not
 * get are released, and when that is systemic (the token refused, several in a row) the run
 * stops: an outage never burns the occurrence. Returns the counts; `complete` says whether every
 * recipient has an outcome (false when stopped by the signal or halted).
 */
export const sendOccurrence = async (deps: BroadcastSenderDeps, input: SendOccurrenceInput): Promise<SendOccurrenceResult> => {
  const { plan, occurrence } = input;
  const telegram = atPriority(deps.telegram, 'broadcast');
  const policy: SendAttemptPolicy = { max429Waits: 5, max5xxRetries: 2, sleep: realSleep, ...deps.policy };
  const chunkSize = deps.chunkSize ?? 25;
  const keyboard = broadcastKeyboard(plan, input.channel, deps.botUsername, deps.texts ?? ENGLISH_BROADCAST_TEXTS);
  const base = () => ({ broadcastId: plan.broadcastId, occurrence, at: deps.clock().toISOString() });

  const log = await openDeliveryLog(deps.eventStore, plan.broadcastId, occurrence);
  const read = log.state();
  const firstPass = read.done.size === 0 && read.claimed.size === 0 && read.released === 0;
  if (log.state().claimed.size > 0) await log.apply([{ type: 'InterruptBroadcastClaims', data: base() }]);
  const counts = (): DeliveryCounts => {
    const s = log.state();
    return { total: s.recipients.length, sent: s.sent, failed: s.failed, blocked: s.blocked, done: s.done.size };
  };
  const pending = pendingRecipients(log.state());
  await input.onStart?.(counts(), { firstPass });
  let cursor = 0;
  // A worker that fails, or Telegram not taking messages, stops the others from claiming more
  // (and cuts their 429 waits short); the run ends only once none is still sending, so nothing
  // goes on unwatched after the caller hears of it.
  const stop = new AbortController();
  const sendSignal = input.signal ? AbortSignal.any([stop.signal, input.signal]) : stop.signal;
  const backoff = runBackoff(policy.sleep, sendSignal);
  const watch = notSentWatch(deps.maxNotSentInARow ?? 3, (reason) => stop.abort(new RunHalted(reason)));

  const sendChunk = async (chatIds: readonly string[]) => {
    await log.apply([{ type: 'ClaimBroadcastDelivery', data: { ...base(), chatIds, runId: log.runId } }]);
    const outcomes = await Promise.all(
      chatIds.map(async (chatId) => {
        const outcome = await sendToChat(() => sendBroadcastMessage(telegram, plan, chatId, keyboard), policy, sendSignal, backoff);
        watch.saw(outcome);
        if (outcome.kind === 'failed' && outcome.reason === 'blocked') {
          // Best effort: the outcome (in the stream) is what keeps the chat from being retried.
          await deps.blockedChats?.blocked({ chatId, reason: 'blocked', at: deps.clock().toISOString() }).catch((error: unknown) => {
            deps.logger?.warn({ err: error, chatId, broadcastId: plan.broadcastId }, 'blocked chat not written down');
          });
        }
        return { chatId, outcome };
      }),
    );
    await log.apply(chunkCommands(base(), outcomes, log.state().releases, sendSignal.aborted));
    input.onProgress?.(counts());
  };

  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (input.signal?.aborted !== true && !stop.signal.aborted && cursor < pending.length) {
      const chunk = pending.slice(cursor, cursor + chunkSize);
      cursor += chunkSize;
      try {
        await sendChunk(chunk);
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.parallelChunks ?? 4) }, worker));
  if (failure) throw failure.error;
  const reason: unknown = stop.signal.reason;
  const final = counts();
  return { ...final, complete: final.done === final.total, ...(reason instanceof RunHalted ? { halted: reason.reason } : {}) };
};
