import { isPayGateError, PayGateError, type TelegramGateway } from '@paygate/domain';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type RateLimitPolicy = {
  /** A 429 asking to wait at most this long is waited out in place (then retried once more); longer ones are thrown. */
  maxInlineWaitSeconds?: number;
  sleep?: Sleep;
};

/** Seconds Telegram asked to wait, from a `rate_limited` PayGateError (retry_after); null for other errors. */
export const retryAfterSeconds = (error: unknown): number | null => {
  if (!isPayGateError(error) || error.kind !== 'rate_limited') return null;
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
};

/**
 * A DM that can never arrive: a 403 (the user blocked the bot or is deactivated) or a 400 "chat
 * not found" (Telegram knows no such user, as for a made-up id in the sandbox). Retrying cannot help.
 */
export const isUnreachableUser = (error: unknown): boolean => isPayGateError(error) && (error.kind === 'forbidden' || error.kind === 'not_found');

/**
 * Runs a Telegram call, waiting out short rate limits in place so a burst does not turn into
 * redeliveries. A longer 429 is rethrown as `rate_limited` with `retryAfterSeconds`, so a
 * process manager's broker redelivers it with backoff and the sweep pauses.
 */
export const withRateLimit = async <T>(call: () => Promise<T>, policy: RateLimitPolicy = {}): Promise<T> => {
  const { maxInlineWaitSeconds = 5, sleep = realSleep } = policy;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = retryAfterSeconds(error);
      if (wait === null || wait > maxInlineWaitSeconds || attempt >= 3) throw error;
      await sleep(wait * 1000);
    }
  }
};

/** A worker holds the work; the caller should come back after `retryAfterSeconds`. */
export const inProgressError = (message: string, retryAfter: number): PayGateError =>
  new PayGateError('unavailable', message, { retryAfterSeconds: retryAfter });

/**
 * Removes a subscriber from a chat without a lasting ban: ban, then unban only-if-banned, so they
 * may subscribe and come back. A user Telegram does not know in the chat (never joined, account
 * gone) has nothing to remove.
 */
export const removeFromChat = async (
  telegram: Pick<TelegramGateway, 'banChatMember' | 'unbanChatMember'>,
  target: { chatId: string; userId: string },
  policy?: RateLimitPolicy,
): Promise<void> => {
  const notFoundIsDone = (call: Promise<unknown>) =>
    call.catch((error: unknown) => {
      if (!(isPayGateError(error) && error.kind === 'not_found')) throw error;
    });
  await notFoundIsDone(withRateLimit(() => telegram.banChatMember(target), policy));
  await notFoundIsDone(withRateLimit(() => telegram.unbanChatMember({ ...target, onlyIfBanned: true }), policy));
};
