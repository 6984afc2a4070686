import type { BotChannel, BotQueries } from '../deps.ts';
import { channelCodeForChat } from '../links/index.ts';

/** The PayGate channel of a Telegram chat: its own code first, else one registered under another id (CLI). */
export const channelOfChat = async (queries: BotQueries, chatId: string): Promise<BotChannel | undefined> => {
  const own = await queries.channel(channelCodeForChat(chatId));
  return own?.chatId === chatId ? own : await queries.channelByChat?.(chatId);
};
