import { GrammyError, InlineKeyboard, type Api } from 'grammy';
import type { BotChannel, BotDonationSettings, BotLogger, DonationPort } from '../deps.ts';
import type { Translate } from '../messages/index.ts';

/** The Donate button's deep link: `/start donate_<channelId>` in the bot's private chat. */
export const donateLink = (botUsername: string, channelId: string): string => `https://t.me/${botUsername}?start=donate_${channelId}`;

/** Where the Donate message belongs: the paid channel always, the public one when the owner asked. */
export type DonateTarget = { chatId: string; wanted: boolean };

const gone = (error: unknown) => error instanceof GrammyError && /message to edit not found/i.test(error.description);
const unchanged = (error: unknown) => error instanceof GrammyError && /message is not modified/i.test(error.description);

/**
 * Brings the Donate message of each chat up to the settings: the recorded message is edited in
 * place (a paused channel keeps it, without the button); one Telegram says is gone is posted
 * again, pinned without a notification and recorded, so the next change edits the new one.
 * A message the bot may not pin is still posted; the owner is told (`unpinned`).
 */
export const syncDonateMessages = async (input: {
  api: Api;
  donations: DonationPort;
  logger: BotLogger;
  channel: BotChannel;
  settings: BotDonationSettings;
  targets: readonly DonateTarget[];
  botUsername: string;
  t: Translate;
}): Promise<{ postedIn: number; unpinned: number }> => {
  const { api, donations, logger, channel, settings, t } = input;
  const enabled = settings.enabled !== false;
  let postedIn = 0;
  let unpinned = 0;
  for (const { chatId, wanted } of input.targets) {
    const live = enabled && wanted;
    const text = live ? t('donationChannelPost', { channelTitle: channel.title, presets: settings.presets }) : t('donationChannelPaused', { channelTitle: channel.title });
    const keyboard = live ? new InlineKeyboard().url(t('donateButton', {}), donateLink(input.botUsername, channel.channelId)) : undefined;
    const markup = keyboard ? { reply_markup: keyboard } : {};
    const recorded = settings.messages.find((message) => message.chatId === chatId);
    let messageId: number | undefined;
    if (recorded) {
      try {
        await api.editMessageText(chatId, recorded.messageId, text, markup);
        messageId = recorded.messageId;
      } catch (error) {
        if (unchanged(error)) messageId = recorded.messageId;
        else if (!gone(error)) throw error;
        else logger.info({ channelId: channel.channelId, chatId, messageId: recorded.messageId }, 'Donate message gone: posting it again');
      }
    }
    if (messageId === undefined) {
      if (!live) continue;
      messageId = (await api.sendMessage(chatId, text, markup)).message_id;
      await donations.recordDonationMessage({ channelId: channel.channelId, chatId, messageId });
    }
    if (!live) continue;
    postedIn += 1;
    // Pinning again is harmless and puts back a pin the owner removed.
    try {
      await api.pinChatMessage(chatId, messageId, { disable_notification: true });
    } catch (error) {
      unpinned += 1;
      logger.warn({ channelId: channel.channelId, chatId, err: error }, 'could not pin the Donate message');
    }
  }
  return { postedIn, unpinned };
};
