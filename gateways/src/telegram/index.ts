// Telegram: the Bot API client implementing the domain's TelegramGateway, and a Bot API simulator.
export * from './bot-api-types.ts';
export * from './client/index.ts';
export * from './sandbox/index.ts';
