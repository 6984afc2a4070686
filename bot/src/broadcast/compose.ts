import { randomBytes } from 'node:crypto';
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import type { InputHandler } from '../conversation/index.ts';
import { ensureManages, withinOwnerLimit } from '../owner-setup/owner-channel.ts';
import type { BotServices } from '../services.ts';
import { decodeBroadcastButton, encodeBroadcastButton } from './broadcast-buttons.ts';
import { MAX_CAPTION, MAX_TEXT, type BroadcastContent } from './broadcast-message.ts';
import { entitiesToHtml } from './entities-html.ts';
import { argsOf, ownedChannelFor } from './owned-channel.ts';
import { askForContent, contentQuestionOf } from './pending.ts';
import { sendPreview } from './preview.ts';

/** A broadcast's id: random, short enough for a button beside the channel code. */
export const newBroadcastId = (): string => `b${randomBytes(8).toString('hex')}`;

/**
 * `/broadcast [code]`: whom to (the linked public channel, the active subscribers), then the
 * message as the owner's next private message (text or a photo with a caption), drafted and
 * previewed with the send/schedule buttons.
 */
export const compose = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  composer.chatType('private').command('broadcast', async (ctx) => {
    const owned = await ownedChannelFor(ctx, services, 'broadcast', argsOf(ctx.match));
    if (!owned) return;
    const { channel, port } = owned;
    const linked = await port.publicChannelOf(channel.channelId);
    const keyboard = new InlineKeyboard();
    if (linked) keyboard.text(ctx.t('toPublicButton', { publicTitle: linked.title }), encodeBroadcastButton({ action: 'audience', audience: 'public_channel', channelId: channel.channelId })).row();
    keyboard.text(ctx.t('toSubscribersButton', {}), encodeBroadcastButton({ action: 'audience', audience: 'subscribers', channelId: channel.channelId }));
    await ctx.reply(ctx.t('broadcastChooseAudience', { channelTitle: channel.title, ...(linked ? { publicTitle: linked.title } : {}) }), { reply_markup: keyboard });
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const button = decodeBroadcastButton(ctx.callbackQuery.data);
    if (button?.action !== 'audience') return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    const port = deps.broadcasts;
    if (!port || !deps.pendingInputs) return void (await ctx.reply(ctx.t('broadcastsUnavailable', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const channel = await deps.queries.channel(button.channelId);
    if (!channel || !(await ensureManages(ctx, services, channel))) return;
    const linked = button.audience === 'public_channel' ? await port.publicChannelOf(channel.channelId) : undefined;
    if (button.audience === 'public_channel' && !linked) return void (await ctx.reply(ctx.t('publicNotLinked', { channelTitle: channel.title })));
    await askForContent(ctx, services, { channelId: channel.channelId, audience: button.audience });
    await ctx.reply(ctx.t('broadcastAskContent', { channelTitle: channel.title, audience: button.audience, ...(linked ? { publicTitle: linked.title } : {}) }));
  });

  return composer;
};

/** The owner's message, as the answer to "send me the message". */
export const contentAnswer =
  (services: BotServices): InputHandler =>
  async (ctx, input) => {
    const { deps } = services;
    const question = contentQuestionOf(input.data);
    const port = deps.broadcasts;
    if (!question || !port) return;
    const channel = await deps.queries.channel(question.channelId);
    if (!channel || !(await ensureManages(ctx, services, channel))) return;
    const { message } = ctx;
    const photo = message.photo?.reduce((largest, size) => (size.width * size.height > largest.width * largest.height ? size : largest));
    const text = photo ? (message.caption ?? '') : (message.text ?? '');
    const max = photo ? MAX_CAPTION : MAX_TEXT;
    // A photo needs its caption too: a broadcast without words says nothing about the channel.
    if (text.length > max || text.trim() === '') {
      await askForContent(ctx, services, question);
      const reply = text.trim() === '' ? ctx.t('broadcastContentEmpty', {}) : ctx.t('broadcastContentTooLong', { max, photo: photo !== undefined });
      return void (await ctx.reply(reply));
    }
    const html = entitiesToHtml(text, photo ? message.caption_entities : message.entities);
    const content: BroadcastContent = { audience: question.audience, html, tierButtons: true, ...(photo ? { photo: photo.file_id } : {}) };
    const broadcastId = newBroadcastId();
    await port.draftBroadcast({ broadcastId, channelId: channel.channelId, requestedBy: String(ctx.from.id), ...content });
    await sendPreview(ctx, services, channel, broadcastId, content);
  };
