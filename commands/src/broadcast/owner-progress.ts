import { isPayGateError, type TelegramGateway } from '@paygate/domain';
import { atPriority } from '../notifier/telegram-priority.ts';
import type { BroadcastLogger } from './broadcast-ports.ts';
import type { DeliveryCounts } from './broadcast-sender.ts';
import type { BroadcastTexts } from './broadcast-texts.ts';

export type OwnerProgress = { update(counts: DeliveryCounts): void; finish(counts: DeliveryCounts): Promise<void> };

/**
 * The owner's progress DM: sent when the occurrence starts, edited (priority 'notice') at most
 * every `everyMs` as chunks complete, and a last time with the final counts. Without `announce`
 * (a later pass of the same occurrence) nothing is sent until the occurrence completes, and then
 * one new DM with the final counts. Progress is a courtesy: a DM that fails (owner blocked the
 * bot, message deleted) never stops the send.
 */
export const ownerProgress = async (input: {
  announce: boolean;
  telegram: TelegramGateway;
  ownerId: string;
  title: string;
  texts: BroadcastTexts;
  now: () => number;
  everyMs: number;
  initial: DeliveryCounts;
  logger?: BroadcastLogger;
}): Promise<OwnerProgress> => {
  const telegram = atPriority(input.telegram, 'notice');
  const text = (counts: DeliveryCounts, finished: boolean) => input.texts.progress({ title: input.title, ...counts, finished });
  if (!input.announce) return quietUntilComplete(telegram, input.ownerId, text, input.logger);
  let messageId: number | undefined;
  // Not awaited: the owner's chat is paced at one message a second behind their other notices,
  // and the broadcast must not wait for its own progress report. Edits queue behind this send.
  let editing: Promise<void> = telegram.sendMessage({ chatId: input.ownerId, text: text(input.initial, false), parseMode: 'HTML' }).then(
    (sent) => void (messageId = sent.messageId),
    (error: unknown) => input.logger?.warn({ err: error, ownerId: input.ownerId }, 'broadcast progress DM not sent'),
  );
  let lastEdit = input.now();
  let shown = text(input.initial, false);
  const edit = (next: string) => {
    if (next === shown) return editing;
    shown = next;
    editing = editing.then(async () => {
      if (messageId === undefined) return;
      try {
        await telegram.editMessageText({ chatId: input.ownerId, messageId, text: next, parseMode: 'HTML' });
      } catch (error) {
        if (isPayGateError(error) && error.kind === 'conflict') return; // not modified
        input.logger?.warn({ err: error, ownerId: input.ownerId }, 'broadcast progress DM not edited');
      }
    });
    return editing;
  };
  return {
    update(counts) {
      if (input.now() - lastEdit < input.everyMs) return;
      lastEdit = input.now();
      void edit(text(counts, false));
    },
    finish: (counts) => edit(text(counts, counts.done === counts.total)),
  };
};

/** A later pass: no DM while sending; one new DM with the final counts if the occurrence completes. */
const quietUntilComplete = (
  telegram: TelegramGateway,
  ownerId: string,
  text: (counts: DeliveryCounts, finished: boolean) => string,
  logger?: BroadcastLogger,
): OwnerProgress => ({
  update: () => undefined,
  async finish(counts) {
    if (counts.done !== counts.total) return;
    await telegram.sendMessage({ chatId: ownerId, text: text(counts, true), parseMode: 'HTML' }).catch((error: unknown) => {
      logger?.warn({ err: error, ownerId }, 'broadcast progress DM not sent');
    });
  },
});
