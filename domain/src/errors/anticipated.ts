import { isPayGateError } from './paygate-error.ts';

/**
 * An error the code saw coming: a refusal with a kind its caller handles (a chat Telegram does
 * not know, a user who blocked the bot, a lost race, a rate limit) or a "come back later" with
 * retryAfterSeconds. Its message says everything; a stack trace would only add noise. Anything
 * else (internal, an outage, an error that is not a PayGateError) is a real failure.
 */
export const isAnticipatedError = (error: unknown): boolean => {
  if (!isPayGateError(error)) return false;
  if (error.kind === 'internal') return false;
  if (error.kind === 'unavailable') return typeof error.details.retryAfterSeconds === 'number';
  return true;
};
