import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import { ensureManages, withinOwnerLimit } from '../owner-setup/owner-channel.ts';
import type { BotServices } from '../services.ts';
import { decodeBroadcastButton, encodeBroadcastButton } from './broadcast-buttons.ts';
import { plainOfHtml } from './entities-html.ts';
import { argsOf, ownedChannelFor } from './owned-channel.ts';

const PREVIEW_CHARS = 40;

const snippet = (html: string) => {
  const text = plainOfHtml(html).replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
};

/** `/broadcasts [code]`: the scheduled broadcasts, soonest first, with their next run and a cancel button each. */
export const listBroadcasts = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  composer.chatType('private').command('broadcasts', async (ctx) => {
    const owned = await ownedChannelFor(ctx, services, 'broadcasts', argsOf(ctx.match));
    if (!owned) return;
    const { channel, port } = owned;
    const scheduled = (await port.broadcastsOf(channel.channelId))
      .filter((broadcast) => broadcast.status === 'scheduled')
      .sort((a, b) => (a.nextAt ?? '').localeCompare(b.nextAt ?? ''));
    if (scheduled.length === 0) return void (await ctx.reply(ctx.t('broadcastsNone', { channelTitle: channel.title })));
    const keyboard = new InlineKeyboard();
    const broadcasts = scheduled.map((broadcast, index) => {
      if (index > 0 && index % 3 === 0) keyboard.row();
      keyboard.text(ctx.t('cancelBroadcastButton', { number: index + 1 }), encodeBroadcastButton({ action: 'cancelScheduled', channelId: channel.channelId, broadcastId: broadcast.broadcastId }));
      return {
        number: index + 1,
        audience: broadcast.audience,
        preview: snippet(broadcast.html),
        ...(broadcast.schedule ? { schedule: broadcast.schedule } : {}),
        ...(broadcast.nextAt ? { nextAt: broadcast.nextAt } : {}),
      };
    });
    await ctx.reply(ctx.t('broadcastsList', { channelTitle: channel.title, broadcasts }), { reply_markup: keyboard });
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const button = decodeBroadcastButton(ctx.callbackQuery.data);
    if (button?.action !== 'cancelScheduled') return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    const port = deps.broadcasts;
    if (!port) return void (await ctx.reply(ctx.t('broadcastsUnavailable', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const channel = await deps.queries.channel(button.channelId);
    if (!channel || !(await ensureManages(ctx, services, channel))) return;
    const result = await port.cancelBroadcast({ broadcastId: button.broadcastId, channelId: channel.channelId, requestedBy: String(ctx.from.id) });
    await ctx.reply(ctx.t(result.events.length > 0 ? 'broadcastCancelled' : 'broadcastNotDraft', {}));
  });

  return composer;
};
