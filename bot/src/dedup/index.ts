// Each Telegram update is handled once, across redeliveries and restarts.
export * from './update-ledger.ts';
export * from './process-update.ts';
