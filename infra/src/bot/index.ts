// The Telegram bot's infrastructure: its tables, queries, Telegram setup (live or sandbox), wiring.
export * from './bot-tables.ts';
export * from './postgres-update-ledger.ts';
export * from './postgres-blocked-chats.ts';
export * from './postgres-pending-inputs.ts';
export * from './bot-queries.ts';
export * from './telegram-setup.ts';
export * from './outbound-pacing.ts';
export * from './bot-setup.ts';
export * from './dashboard-links.ts';
