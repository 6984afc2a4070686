import { isPayGateError, type DeliveryCommand } from '@paygate/domain';

/** What happened to one chat, as the delivery stream records it. */
export type ChatOutcome = { kind: 'sent'; messageId: number } | { kind: 'failed'; reason: string; permanent: boolean };

export type SendAttemptPolicy = {
  /** 429s waited out per chat before it fails as rate_limited (default 5). */
  max429Waits: number;
  /** Telegram 5xx answers retried per chat (it did not send), default 2. */
  max5xxRetries: number;
  sleep: (ms: number) => Promise<void>;
};

const reasonOf = (error: unknown): ChatOutcome => {
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
 * Sends to one chat until it has an outcome: a 429 waits out retry_after and tries the same chat
 * again, a 5xx answer (Telegram did not send) is retried, anything else is the chat's outcome.
 */
export const sendToChat = async (send: () => Promise<{ messageId: number }>, policy: SendAttemptPolicy): Promise<ChatOutcome> => {
  let waits = 0;
  let retries = 0;
  for (;;) {
    try {
      return { kind: 'sent', messageId: (await send()).messageId };
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'rate_limited' && waits < policy.max429Waits) {
        waits += 1;
        const seconds = typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : 1;
        await policy.sleep(seconds * 1_000);
        continue;
      }
      if (isPayGateError(error) && error.kind === 'unavailable' && typeof error.details.errorCode === 'number' && retries < policy.max5xxRetries) {
        retries += 1;
        await policy.sleep(1_000 * retries);
        continue;
      }
      return reasonOf(error);
    }
  }
};

export const outcomeCommand = (occurrence: { broadcastId: string; occurrence: string; at: string }, chatId: string, outcome: ChatOutcome): DeliveryCommand =>
  outcome.kind === 'sent'
    ? { type: 'RecordBroadcastSent', data: { ...occurrence, chatId, messageId: outcome.messageId } }
    : { type: 'RecordBroadcastFailed', data: { ...occurrence, chatId, reason: outcome.reason, permanent: outcome.permanent } };
