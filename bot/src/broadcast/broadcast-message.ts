import { InlineKeyboard, type Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { BotChannel } from '../deps.ts';
import { encodeCallback, shareLink } from '../links/index.ts';
import type { BroadcastAudience } from '../messages/broadcast-catalogue.ts';
import type { Translate } from '../messages/index.ts';

export type BroadcastContent = { audience: BroadcastAudience; html: string; photo?: string; tierButtons: boolean };

/** Telegram's limits: a message's text, a photo's caption. */
export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;

/**
 * What the sender (commands/src/broadcast/broadcast-message.ts) puts under a broadcast, so the
 * preview matches it: at most this many tier buttons, each labelled with the tier's name.
 */
const MAX_TIER_BUTTONS = 6;

/**
 * The buttons under a broadcast: one per tier on sale, each opening the channel's offer in the
 * bot (`t.me/<bot>?start=<channel>`, the deep link of the share link), and for subscribers the
 * opt-out (`o:<channel>`).
 */
export const broadcastKeyboard = (content: BroadcastContent, channel: BotChannel, botUsername: string, t: Translate): InlineKeyboard | undefined => {
  // One button a row; no empty row after the last.
  const rows: InlineKeyboardButton[][] = [];
  if (content.tierButtons) {
    const link = shareLink(botUsername, channel.channelId);
    for (const tier of channel.tiers.filter((candidate) => !candidate.retired).slice(0, MAX_TIER_BUTTONS)) rows.push([InlineKeyboard.url(tier.name, link)]);
  }
  if (content.audience === 'subscribers') rows.push([InlineKeyboard.text(t('optOutButton', {}), encodeCallback({ action: 'optOut', channelId: channel.channelId }))]);
  return rows.length > 0 ? InlineKeyboard.from(rows) : undefined;
};

/** Sends the broadcast to one chat as its recipients get it (HTML, photo or text, buttons). */
export const sendBroadcastMessage = async (api: Api, chatId: number | string, content: BroadcastContent, channel: BotChannel, botUsername: string, t: Translate) => {
  const keyboard = broadcastKeyboard(content, channel, botUsername, t);
  const markup = keyboard ? { reply_markup: keyboard } : {};
  if (content.photo !== undefined) return api.sendPhoto(chatId, content.photo, { caption: content.html, parse_mode: 'HTML', ...markup });
  return api.sendMessage(chatId, content.html, { parse_mode: 'HTML', ...markup });
};
