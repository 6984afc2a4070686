import { createHash } from 'node:crypto';

/**
 * The invoice id for a purchase button press: the same button of the same message, pressed by
 * the same user on the same UTC day, always names the same invoice. A double tap, a redelivered
 * update or a retry after a failed payment page therefore finds the invoice already made
 * (createInvoice is idempotent per id) instead of making a second; a new menu, or another day,
 * is a new purchase.
 */
export const purchaseInvoiceId = (input: {
  botId: number;
  chatId: number;
  messageId: number;
  userId: number;
  channelId: string;
  tierId: string;
  at: Date;
}): string => {
  const day = input.at.toISOString().slice(0, 10);
  const parts = [input.botId, input.chatId, input.messageId, input.userId, input.channelId, input.tierId, day].join('\u001f');
  return `inv_${createHash('sha256').update(parts).digest('hex').slice(0, 24)}`;
};
