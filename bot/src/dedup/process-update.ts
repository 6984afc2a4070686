import type { Update } from 'grammy/types';
import type { BotLogger } from '../deps.ts';
import type { UpdateLedger } from './update-ledger.ts';

export type UpdateOutcome = 'handled' | 'duplicate';

export type ProcessUpdate = (update: Update) => Promise<UpdateOutcome>;

/**
 * Claims the update in the ledger, hands it to the bot, records it as done. A ledger failure
 * throws before anything ran (the webhook answers 503 so Telegram retries). When handling
 * throws — the bot's own error boundary already replied if it could — the claim is released
 * so a redelivered copy may try again.
 */
export const createUpdateProcessor = (input: {
  ledger: UpdateLedger;
  botId: () => number;
  handle: (update: Update) => Promise<void>;
  logger: BotLogger;
}): ProcessUpdate => {
  const { ledger, handle, logger } = input;
  return async (update) => {
    const botId = input.botId();
    const updateId = update.update_id;
    if ((await ledger.claim(botId, updateId)) === 'duplicate') {
      logger.debug({ updateId }, 'telegram update already handled; skipped');
      return 'duplicate';
    }
    try {
      await handle(update);
    } catch (error) {
      await ledger.release(botId, updateId).catch((releaseError: unknown) => logger.warn({ updateId, err: releaseError }, 'releasing an update claim failed'));
      throw error;
    }
    await ledger.complete(botId, updateId);
    return 'handled';
  };
};
