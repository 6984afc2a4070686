// The bot's texts, per locale, beside the domain catalogue (which holds the DMs process managers send).
export * from './bot-catalogue.ts';
export * from './bot-en.ts';
export * from './bot-messages.ts';
