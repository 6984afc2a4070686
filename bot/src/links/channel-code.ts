/**
 * A channel's code: its PayGate channel id, used in the share link `t.me/<bot>?start=<code>`.
 * Channels registered through the bot get one derived from the Telegram chat id, so adding the
 * bot to the same channel again finds the same registration instead of making a second one.
 */
export const channelCodeForChat = (chatId: string): string => {
  const digits = chatId.replace(/^-/, '');
  if (!/^\d{1,20}$/.test(digits)) throw new TypeError(`not a Telegram chat id: ${chatId}`);
  return `c${BigInt(digits).toString(36)}`;
};

// Telegram allows A-Z, a-z, 0-9, _ and - in a /start payload, at most 64 characters.
const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** The channel code in a `/start <payload>`, or undefined when there is none or it cannot be one. */
export const channelCodeFromStart = (payload: string | undefined): string | undefined => {
  const code = payload?.trim();
  return code && START_PAYLOAD.test(code) ? code : undefined;
};

/** The deep link a channel owner shares. Telegram usernames are case-insensitive; the code is kept as is. */
export const shareLink = (botUsername: string, channelCode: string): string => `https://t.me/${botUsername}?start=${channelCode}`;
