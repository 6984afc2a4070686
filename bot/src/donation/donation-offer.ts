import { InlineKeyboard } from 'grammy';
import { donationLimits, formatMoney, type Money } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { BotChannel, BotDonationSettings, DonationPort } from '../deps.ts';
import { encodeCallback } from '../links/index.ts';
import type { BotServices } from '../services.ts';

/** The pending input a typed donation amount answers. */
export const DONATION_AMOUNT_INPUT = 'donation_amount';
/** How long the bot waits for a typed amount. */
export const DONATION_AMOUNT_WAIT_MS = 10 * 60_000;

/**
 * The channel and its donation settings when it takes donations now; otherwise replies why not
 * (unknown channel, donations off or not set up) and returns undefined.
 */
export const openDonations = async (
  ctx: BotContext,
  services: BotServices,
  donations: DonationPort,
  channelId: string,
): Promise<{ channel: BotChannel; settings: BotDonationSettings } | undefined> => {
  const channel = await services.deps.queries.channel(channelId);
  if (!channel) return void (await ctx.reply(ctx.t('unknownChannel', { code: channelId })));
  const settings = await donations.donationSettings(channelId);
  if (!settings || settings.enabled === false) return void (await ctx.reply(ctx.t('donationsClosed', { channelTitle: channel.title })));
  return { channel, settings };
};

/** "Support <channel>: pick an amount": a button per preset, then "Other amount". */
export const sendDonationOffer = async (ctx: BotContext, channel: BotChannel, settings: BotDonationSettings): Promise<void> => {
  const keyboard = new InlineKeyboard();
  for (const amount of settings.presets) {
    keyboard.text(ctx.t('donationPresetButton', { amount }), encodeCallback({ action: 'donate', channelId: channel.channelId, amount: formatMoney(amount) }));
  }
  keyboard.row().text(ctx.t('donationOtherButton', {}), encodeCallback({ action: 'donateOther', channelId: channel.channelId }));
  await ctx.reply(ctx.t('donationPick', { channelTitle: channel.title }), { reply_markup: keyboard });
};

/** Asks for a typed amount and waits 10 minutes for it (kept across restarts by the pending-input store). */
export const askDonationAmount = async (ctx: BotContext, services: BotServices, channel: BotChannel): Promise<void> => {
  const pending = services.deps.pendingInputs;
  if (!pending) return void (await ctx.reply(ctx.t('donationsUnavailable', {})));
  const expiresAt = new Date(services.clock().getTime() + DONATION_AMOUNT_WAIT_MS).toISOString();
  await pending.set(String(ctx.from!.id), { kind: DONATION_AMOUNT_INPUT, data: { channelId: channel.channelId, expiresAt } }, expiresAt);
  const { min, max } = donationLimits();
  await ctx.reply(ctx.t('donationAskAmount', { channelTitle: channel.title, min, max }));
};

/** "Show your name to the owner?" for a chosen amount. */
export const askShowName = async (ctx: BotContext, channel: BotChannel, amount: Money): Promise<void> => {
  const text = formatMoney(amount);
  const keyboard = new InlineKeyboard()
    .text(ctx.t('donationShowNameButton', {}), encodeCallback({ action: 'donateAs', channelId: channel.channelId, amount: text, showName: true }))
    .text(ctx.t('donationAnonymousButton', {}), encodeCallback({ action: 'donateAs', channelId: channel.channelId, amount: text, showName: false }));
  await ctx.reply(ctx.t('donationAskName', { channelTitle: channel.title, amount }), { reply_markup: keyboard });
};
