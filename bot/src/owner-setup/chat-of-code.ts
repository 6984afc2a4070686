import { channelCodeForChat } from '../links/index.ts';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * The Telegram chat a bot-made channel code stands for (the inverse of channelCodeForChat):
 * `/claim <code>` of a channel not registered yet has nothing else to go on. Channels are
 * negative (-100…); undefined for anything that is not such a code.
 */
export const chatIdForChannelCode = (code: string): string | undefined => {
  if (!/^c[0-9a-z]{1,13}$/.test(code)) return undefined;
  let value = 0n;
  for (const digit of code.slice(1)) value = value * 36n + BigInt(BASE36.indexOf(digit));
  const chatId = `-${value}`;
  return value > 0n && channelCodeForChat(chatId) === code ? chatId : undefined;
};
