import { Composer } from 'grammy';
import { isPayGateError, money, type Money } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { BotChannel, BotDonationSettings, DonationPort } from '../deps.ts';
import { resolveOwnedChannel, withinOwnerLimit } from '../owner-setup/owner-channel.ts';
import type { BotServices } from '../services.ts';
import { syncDonateMessages } from './donate-message.ts';
import { readDonationAmount } from './donation-amount-text.ts';

/** What `/donations on` offers when the owner has not chosen amounts yet. */
export const DEFAULT_DONATION_PRESETS: readonly Money[] = [money(500n, 'USD'), money(1000n, 'USD'), money(2500n, 'USD')];

type Change = { enabled?: boolean; presets?: readonly Money[]; postInPublic?: boolean };

/** The change the arguments ask for; undefined when they are not one of the forms in the usage. */
const changeOf = (args: readonly string[]): Change | undefined => {
  const [verb, ...rest] = args.map((arg) => arg.toLowerCase());
  if ((verb === 'on' || verb === 'off') && rest.length === 0) return { enabled: verb === 'on' };
  if (verb === 'public' && rest.length === 1 && (rest[0] === 'on' || rest[0] === 'off')) return { postInPublic: rest[0] === 'on' };
  // Amounts are read exactly (domain rules), so "5" and "$12.50" work and "1.005" is refused with the reason.
  if (verb === 'presets' && rest.length > 0) return { presets: args.slice(1).map(readDonationAmount) };
  return undefined;
};

/**
 * `/donations [code] on|off|presets <a> <b> …|public on|off` (owner, private chat): configures
 * the channel's donations, then posts, edits or re-posts the pinned Donate message in the
 * channel (and in the linked public channel when asked). Without arguments: the settings.
 */
export const donationsCommand = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  composer.chatType('private').command('donations', async (ctx) => {
    const donations = deps.donations;
    if (!donations) return void (await ctx.reply(ctx.t('donationsUnavailable', {})));
    const args = ctx.match.split(/\s+/).filter(Boolean);
    const resolved = await resolveOwnedChannel(ctx, services, 'donations', args);
    if (!resolved) return;
    const { channel, rest } = resolved;
    const publicChat = await deps.broadcasts?.publicChannelOf(channel.channelId);
    const current = await donations.donationSettings(channel.channelId);
    if (rest.length === 0) return void (await ctx.reply(ctx.t('donationsStatus', statusOf(channel, current, publicChat?.title))));

    try {
      const change = changeOf(rest);
      if (!change) return void (await ctx.reply(ctx.t('donationsUsage', {})));
      if (!current && change.enabled === false) return void (await ctx.reply(ctx.t('donationsStatus', statusOf(channel, current, publicChat?.title))));
      if (!(await withinOwnerLimit(ctx, services))) return;
      await donations.configureDonations({
        channelId: channel.channelId,
        requestedBy: String(ctx.from.id),
        presets: change.presets ?? current?.presets ?? DEFAULT_DONATION_PRESETS,
        postInPublic: change.postInPublic ?? current?.postInPublic ?? false,
        enabled: change.enabled ?? current?.enabled ?? true,
      });
    } catch (error) {
      // A refused amount or preset list: the reason, with the usage to act on it.
      if (isPayGateError(error) && error.kind === 'validation') return void (await ctx.reply(ctx.t('donationsUsage', { reason: error.message })));
      throw error;
    }
    const settings = await settingsAfter(donations, channel.channelId);
    const targets = [{ chatId: channel.chatId, wanted: true }, ...(publicChat ? [{ chatId: publicChat.chatId, wanted: settings.postInPublic }] : [])];
    const { unpinned } = await syncDonateMessages({
      api: ctx.api,
      donations,
      logger: services.logger,
      channel,
      settings,
      targets,
      botUsername: services.botUsername(),
      t: ctx.t,
    });
    // Read again: the sync may have recorded new messages.
    const after = await settingsAfter(donations, channel.channelId);
    services.logger.info({ channelId: channel.channelId, enabled: after.enabled !== false, presets: after.presets.length }, 'donations configured');
    await ctx.reply(ctx.t('donationsUpdated', { ...statusOf(channel, after, publicChat?.title), unpinned }));
  });

  return composer;
};

const settingsAfter = async (donations: DonationPort, channelId: string): Promise<BotDonationSettings> => {
  const settings = await donations.donationSettings(channelId);
  // configureDonations succeeded, so the settings exist; their absence is a broken port.
  if (!settings) throw new Error(`donation settings of ${channelId} missing after configureDonations`);
  return settings;
};

const statusOf = (channel: BotChannel, settings: BotDonationSettings | undefined, publicChannel: string | undefined) => ({
  channelTitle: channel.title,
  ...(settings ? { enabled: settings.enabled !== false } : {}),
  presets: settings?.presets ?? [],
  postInPublic: settings?.postInPublic ?? false,
  ...(publicChannel ? { publicChannel } : {}),
  postedIn: settings?.messages.length ?? 0,
});
