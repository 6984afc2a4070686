// The PayGate Telegram bot (grammY): owner setup, subscriber purchases, transports, dedup, limits.
export * from './deps.ts';
export * from './create-bot.ts';
export type { BotContext } from './context.ts';
export * from './messages/index.ts';
export * from './links/index.ts';
export * from './dedup/index.ts';
export * from './rate-limit/index.ts';
export * from './outbound/index.ts';
export * from './transport/index.ts';
export { purchaseInvoiceId } from './subscriber/index.ts';
export { parseDays, parsePriceUsd, parseTierName, newTierId, findTierByName } from './owner-setup/index.ts';
export * from './conversation/index.ts';
export { capDonationInvoiceCreation } from './donation/index.ts';
