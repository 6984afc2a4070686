import { isPayGateError, type DeliveryCommand } from '@paygate/domain';
import type { RunBackoff } from './run-backoff.ts';

/**
 * What happened to one chat. `not_sent`: Telegram certainly did not get it (the bot's token
 * refused, Telegram unreachable or answering 5xx after retries, or the run stopped first) — the
 * chat is released and a later pass sends it; `stopsRun` when no other chat can fare better.
 */
export type ChatOutcome =
  | { kind: 'sent'; messageId: number }
  | { kind: 'failed'; reason: string; permanent: boolean }
  | { kind: 'not_sent'; reason: string; stopsRun: boolean };

export type SendAttemptPolicy = {
  /** 429s waited out per chat before it fails as rate_limited (default 5). */
  max429Waits: number;
  /** Telegram 5xx answers retried per chat (it did not send), default 2. */
  max5xxRetries: number;
  /** Waits; resolves early when the signal aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Telegram's own answers that say it did not take the message (it failed internally); 504 and the rest may have delivered. */
const NOT_SENT_CODES = new Set([500, 502, 503]);

/**
 * A 5xx Telegram itself answered with an error envelope: it did not send. A 504, another status,
 * or a body that was not Telegram's (a proxy's page, an unreadable 200) may have delivered.
 */
const isRefused5xx = (error: unknown): boolean =>
  isPayGateError(error) &&
  error.kind === 'unavailable' &&
  error.details.telegramError === true &&
  typeof error.details.errorCode === 'number' &&
  NOT_SENT_CODES.has(error.details.errorCode);

/** Errors after which Telegram certainly did not send: the chat is released, not failed. Anything ambiguous is a failure (at most once). */
const notSentOf = (error: unknown): ChatOutcome | undefined => {
  if (!isPayGateError(error)) return undefined;
  if (error.kind === 'unauthorized' || error.kind === 'internal') return { kind: 'not_sent', reason: error.kind, stopsRun: true };
  if (error.kind !== 'unavailable') return undefined;
  if (error.details.notSent === true) return { kind: 'not_sent', reason: 'unreachable', stopsRun: false };
  if (isRefused5xx(error)) return { kind: 'not_sent', reason: `unavailable:${String(error.details.errorCode)}`, stopsRun: false };
  return undefined;
};

const reasonOf = (error: unknown): ChatOutcome => {
  const notSent = notSentOf(error);
  if (notSent) return notSent;
  if (!isPayGateError(error)) return { kind: 'failed', reason: 'error', permanent: false };
  switch (error.kind) {
    case 'forbidden':
      return { kind: 'failed', reason: error.details.reason === 'blocked' ? 'blocked' : `forbidden:${String(error.details.reason ?? 'unknown')}`, permanent: true };
    case 'not_found':
      return { kind: 'failed', reason: 'chat_not_found', permanent: true };
    case 'validation':
      return { kind: 'failed', reason: `rejected:${error.message.slice(0, 200)}`, permanent: true };
    case 'rate_limited':
      return { kind: 'failed', reason: 'rate_limited', permanent: false };
    default:
      // A timeout or a lost connection may have delivered: never retried (at most once per chat).
      return { kind: 'failed', reason: error.kind, permanent: false };
  }
};

/**
 * Sends to one chat until it has an outcome: a 429 waits out retry_after (holding every chat of
 * the run, with `backoff`) and tries the same chat again, a 5xx answer (Telegram did not send) is
 * retried, anything else is the chat's outcome.
 * Once `signal` aborts no attempt is made (a wait is cut short): the chat is `not_sent`.
 */
export const sendToChat = async (
  send: () => Promise<{ messageId: number }>,
  policy: SendAttemptPolicy,
  signal?: AbortSignal,
  backoff?: RunBackoff,
): Promise<ChatOutcome> => {
  let waits = 0;
  let retries = 0;
  for (;;) {
    await backoff?.wait();
    if (signal?.aborted === true) return { kind: 'not_sent', reason: 'stopped', stopsRun: false };
    try {
      return { kind: 'sent', messageId: (await send()).messageId };
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'rate_limited' && waits < policy.max429Waits) {
        waits += 1;
        const seconds = typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : 1;
        // The whole run waits (see RunBackoff); this chat then tries again with the others.
        await (backoff ? backoff.hold(seconds * 1_000) : policy.sleep(seconds * 1_000, signal));
        continue;
      }
      if (isRefused5xx(error) && retries < policy.max5xxRetries) {
        retries += 1;
        await policy.sleep(1_000 * retries, signal);
        continue;
      }
      return reasonOf(error);
    }
  }
};

/** A chat is released at most this often; after that Telegram not taking it is its outcome (failed, not permanent). */
export const MAX_RELEASES_PER_CHAT = 3;

/**
 * Not the chat's own doing: the token refused, Telegram unreachable, the run stopped (halted by
 * an outage, or shut down). Such a release never counts toward the chat's limit — an outage of
 * any length must not fail the chats that happened to be in flight.
 */
const isSystemic = (outcome: Extract<ChatOutcome, { kind: 'not_sent' }>, runStopped: boolean) =>
  runStopped || outcome.stopsRun || outcome.reason === 'stopped' || outcome.reason === 'unreachable';

/**
 * A chunk's outcomes as delivery commands: one outcome per chat, the chats Telegram did not get
 * released together. `runStopped`: the run was halted or stopped by the time the chunk ended.
 */
export const chunkCommands = (
  occurrence: { broadcastId: string; occurrence: string; at: string },
  outcomes: readonly { chatId: string; outcome: ChatOutcome }[],
  releases: ReadonlyMap<string, number>,
  runStopped = false,
): DeliveryCommand[] => {
  const commands: DeliveryCommand[] = [];
  const released = new Map<string, { reason: string; systemic: boolean; chatIds: string[] }>();
  for (const { chatId, outcome } of outcomes) {
    if (outcome.kind === 'sent') commands.push({ type: 'RecordBroadcastSent', data: { ...occurrence, chatId, messageId: outcome.messageId } });
    else if (outcome.kind === 'failed') commands.push({ type: 'RecordBroadcastFailed', data: { ...occurrence, chatId, reason: outcome.reason, permanent: outcome.permanent } });
    else {
      const systemic = isSystemic(outcome, runStopped);
      if (!systemic && (releases.get(chatId) ?? 0) >= MAX_RELEASES_PER_CHAT) {
        commands.push({ type: 'RecordBroadcastFailed', data: { ...occurrence, chatId, reason: outcome.reason, permanent: false } });
        continue;
      }
      const group = `${systemic ? 's' : 'c'}:${outcome.reason}`;
      const entry = released.get(group) ?? released.set(group, { reason: outcome.reason, systemic, chatIds: [] }).get(group)!;
      entry.chatIds.push(chatId);
    }
  }
  for (const { reason, systemic, chatIds } of released.values()) {
    commands.push({ type: 'ReleaseBroadcastDelivery', data: { ...occurrence, chatIds, reason, ...(systemic ? { systemic: true } : {}) } });
  }
  return commands;
};
