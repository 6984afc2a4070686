import { isPayGateError } from '@paygate/domain';
import { shareLink } from '../links/index.ts';
import type { Translate } from '../messages/index.ts';
import type { BotServices } from '../services.ts';

export type CreatorRegistration = {
  channelId: string;
  chatId: string;
  title: string;
  userId: string;
  /** The chat's creator from a lookup made for this registration; the decider refuses anyone else. */
  creatorId: string | null;
  publicUsername?: string;
};

/** Registers the channel to the user who asked, its creator; returns the text to send them. */
export const registerAsCreator = async (services: BotServices, input: CreatorRegistration, t: Translate): Promise<string> => {
  const { deps, logger } = services;
  const { channelId, chatId, title, userId, creatorId, publicUsername } = input;
  const link = shareLink(services.botUsername(), channelId);
  try {
    await deps.channels.registerChannel({ channelId, chatId, ownerId: userId, title, creatorId });
  } catch (error) {
    // Another copy of this registration got there first: report what stands.
    if (!(isPayGateError(error) && error.kind === 'conflict')) throw error;
    const winner = await deps.queries.channel(channelId);
    if (!winner) throw error;
    return winner.ownerId === userId ? t('channelAlreadyYours', { channelTitle: winner.title, shareLink: link }) : t('channelOwnedByOther', { channelTitle: winner.title });
  }
  logger.info({ channelId, chatId, ownerId: userId }, 'channel registered through the bot');
  return t('channelRegistered', { channelTitle: title, shareLink: link, ...(publicUsername ? { publicUsername } : {}) });
};
