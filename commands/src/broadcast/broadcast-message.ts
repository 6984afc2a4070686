import type { BroadcastPlan, InlineKeyboard, TelegramGateway } from '@paygate/domain';
import type { BroadcastChannel } from './broadcast-ports.ts';
import type { BroadcastTexts } from './broadcast-texts.ts';

/** Telegram shows at most this many tier buttons comfortably; more are left out. */
const MAX_TIER_BUTTONS = 6;

/**
 * The buttons under a broadcast: one per active tier, each opening the bot's deep link for the
 * channel (`?start=<channelId>`, where the bot offers the tiers), and for subscribers an opt-out
 * button (`o:<channelId>`).
 */
export const broadcastKeyboard = (plan: BroadcastPlan, channel: BroadcastChannel, botUsername: string, texts: BroadcastTexts): InlineKeyboard => {
  const rows: { text: string; url?: string; callbackData?: string }[][] = [];
  if (plan.tierButtons) {
    const url = `https://t.me/${botUsername}?start=${channel.channelId}`;
    for (const tier of channel.tiers.filter((t) => !t.retired).slice(0, MAX_TIER_BUTTONS)) rows.push([{ text: tier.name, url }]);
  }
  if (plan.audience === 'subscribers') rows.push([{ text: texts.optOutButton, callbackData: `o:${channel.channelId}` }]);
  return rows;
};

/** Sends the broadcast to one chat: a photo with the HTML as its caption, or an HTML text. */
export const sendBroadcastMessage = (telegram: TelegramGateway, plan: BroadcastPlan, chatId: string, keyboard: InlineKeyboard): Promise<{ messageId: number }> => {
  const markup = keyboard.length === 0 ? {} : { keyboard };
  return plan.photo === undefined
    ? telegram.sendMessage({ chatId, text: plan.html, parseMode: 'HTML', ...markup })
    : telegram.sendPhoto({ chatId, photo: plan.photo, caption: plan.html, parseMode: 'HTML', ...markup });
};
