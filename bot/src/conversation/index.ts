// Questions the bot asks and the answers it waits for, across restarts.
export * from './awaiting-input.ts';
export * from './pending-input.ts';
