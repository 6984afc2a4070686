import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotServices } from '../services.ts';
import { argsOf, ownedChannelFor } from './owned-channel.ts';
import { checkPublicChat, publicChatRef } from './public-chat.ts';

/**
 * `/linkpublic [code] @username|<chat id>`: links the public channel the owner advertises in to
 * the paid one (broadcasts can then go there); `/unlinkpublic [code]` undoes it. Rights are
 * checked fresh at Telegram, as registration does.
 */
export const linkPublic = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();
  const privately = composer.chatType('private');

  privately.command('linkpublic', async (ctx) => {
    const owned = await ownedChannelFor(ctx, services, 'linkpublic', argsOf(ctx.match));
    if (!owned) return;
    const { channel, rest, port } = owned;
    const ref = rest.length === 1 ? publicChatRef(rest[0]!) : undefined;
    if (!ref) return void (await ctx.reply(ctx.t('linkPublicUsage', {})));
    const ownerId = String(ctx.from.id);
    const verdict = await checkPublicChat({ api: ctx.api, admins: services.admins, queries: deps.queries, broadcasts: port, botId: services.botId() }, { ref, channel, ownerId });
    if (!verdict.ok) return void (await ctx.reply(ctx.t('publicLinkRefused', { reason: verdict.reason, target: ref, channelTitle: channel.title })));
    const { chat } = verdict;
    await port.linkPublicChannel({ channelId: channel.channelId, requestedBy: ownerId, publicChatId: chat.chatId, title: chat.title, ...(chat.username ? { username: chat.username } : {}) });
    services.logger.info({ channelId: channel.channelId, publicChatId: chat.chatId }, 'public channel linked');
    await ctx.reply(ctx.t('publicLinked', { channelTitle: channel.title, publicTitle: chat.title, ...(chat.username ? { username: chat.username } : {}) }));
  });

  privately.command('unlinkpublic', async (ctx) => {
    const owned = await ownedChannelFor(ctx, services, 'unlinkpublic', argsOf(ctx.match));
    if (!owned) return;
    const { channel, port } = owned;
    const linked = await port.publicChannelOf(channel.channelId);
    if (!linked) return void (await ctx.reply(ctx.t('publicNotLinked', { channelTitle: channel.title })));
    await port.unlinkPublicChannel({ channelId: channel.channelId, requestedBy: String(ctx.from.id) });
    await ctx.reply(ctx.t('publicUnlinked', { channelTitle: channel.title, publicTitle: linked.title }));
  });

  return composer;
};
