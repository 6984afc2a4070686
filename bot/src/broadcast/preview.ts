import { InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotChannel } from '../deps.ts';
import type { BotServices } from '../services.ts';
import { encodeBroadcastButton, type BroadcastControl } from './broadcast-buttons.ts';
import { sendBroadcastMessage, type BroadcastContent } from './broadcast-message.ts';

const CONTROLS: readonly (readonly [BroadcastControl, 'sendNowButton' | 'onceButton' | 'dailyButton' | 'weeklyButton' | 'discardButton'])[] = [
  ['now', 'sendNowButton'],
  ['once', 'onceButton'],
  ['daily', 'dailyButton'],
  ['weekly', 'weeklyButton'],
  ['discard', 'discardButton'],
];

/**
 * The preview: the owner gets the broadcast exactly as recipients will (same HTML, photo and
 * buttons, sent the same way), then a separate message with what to do with it.
 */
export const sendPreview = async (ctx: BotContext, services: BotServices, channel: BotChannel, broadcastId: string, content: BroadcastContent): Promise<void> => {
  const chatId = ctx.chat!.id;
  await ctx.reply(ctx.t('broadcastPreviewIntro', {}));
  await sendBroadcastMessage(ctx.api, chatId, content, channel, services.botUsername(), ctx.t);
  const keyboard = new InlineKeyboard();
  CONTROLS.forEach(([control, label], index) => {
    keyboard.text(ctx.t(label, {}), encodeBroadcastButton({ action: 'control', control, channelId: channel.channelId, broadcastId }));
    if (index === 0 || index === 3) keyboard.row();
  });
  await ctx.reply(ctx.t('broadcastControls', { audience: content.audience, channelTitle: channel.title }), { reply_markup: keyboard });
};
