import { createHash } from 'node:crypto';

/**
 * The invoice id for a donation button press, like purchaseInvoiceId: the same name-choice
 * button of the same message, pressed by the same user on the same UTC day, names the same
 * invoice, so a double tap or a redelivered update shows the invoice already made.
 */
export const donationInvoiceId = (input: {
  botId: number;
  chatId: number;
  messageId: number;
  userId: number;
  channelId: string;
  amount: string;
  showName: boolean;
  at: Date;
}): string => {
  const day = input.at.toISOString().slice(0, 10);
  const parts = ['donation', input.botId, input.chatId, input.messageId, input.userId, input.channelId, input.amount, input.showName, day].join('\u001f');
  return `inv_${createHash('sha256').update(parts).digest('hex').slice(0, 24)}`;
};
