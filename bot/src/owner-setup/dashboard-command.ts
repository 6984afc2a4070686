import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotServices } from '../services.ts';
import { withinOwnerLimit } from './owner-channel.ts';

/**
 * `/dashboard` (private chat): a one-time login link to the web dashboard, valid for minutes.
 * Anyone may ask — the dashboard shows the caller's own channels, so someone who owns none sees
 * an empty one, and is told so. Each link is an event, so asking is under the owner rate limit.
 * No link preview: Telegram's preview fetcher must not be the one to open (and spend) it.
 */
export const dashboardCommand = (services: BotServices): Composer<BotContext> => {
  const { deps, clock } = services;
  const composer = new Composer<BotContext>();

  composer.chatType('private').command('dashboard', async (ctx) => {
    const port = deps.dashboard;
    if (!port) return void (await ctx.reply(ctx.t('dashboardUnavailable', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const ownerId = String(ctx.from.id);
    const [link, owned] = await Promise.all([port.issueDashboardLink(ownerId), deps.queries.channelsOwnedBy(ownerId)]);
    const text = ctx.t('dashboardLink', { url: link.url, expiresAt: link.expiresAt, now: clock(), ownsChannels: owned.length > 0 });
    await ctx.reply(text, { link_preview_options: { is_disabled: true } });
  });

  return composer;
};
