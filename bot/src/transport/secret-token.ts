import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `X-Telegram-Bot-Api-Secret-Token` PayGate asks Telegram to send with every webhook call.
 * Derived from the bot token (HMAC), so every process of a deployment agrees on it with no extra
 * setting, and it reveals nothing about the token. Telegram allows 1-256 of A-Z a-z 0-9 _ -.
 */
export const deriveWebhookSecret = (botToken: string): string =>
  createHmac('sha256', botToken).update('paygate/telegram-webhook-secret/v1').digest('base64url');

/** Constant-time comparison of a presented header with the expected secret (lengths hidden by hashing). */
export const secretMatches = (presented: string | null | undefined, expected: string): boolean => {
  if (presented === null || presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
};
