import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Every field except `hash`, sorted by name, `name=value` joined by newlines (Telegram's rule). */
export const dataCheckString = (fields: Readonly<Record<string, string | undefined>>): string =>
  Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[0] !== 'hash' && entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');

/** The secret key of the widget check: SHA-256 of the bot token (not the token itself). */
export const widgetSecretKey = (botToken: string): Buffer => createHash('sha256').update(botToken, 'utf8').digest();

/** hex(HMAC-SHA256(secretKey, checkString)): the `hash` Telegram sends. */
export const widgetHash = (secretKey: Buffer, checkString: string): string =>
  createHmac('sha256', secretKey).update(checkString, 'utf8').digest('hex');

/** Constant-time comparison of two hex hashes of the same (validated) length. */
export const hashesMatch = (expectedHex: string, presentedHex: string): boolean => {
  const expected = Buffer.from(expectedHex, 'hex');
  const presented = Buffer.from(presentedHex, 'hex');
  return expected.length === presented.length && timingSafeEqual(expected, presented);
};
