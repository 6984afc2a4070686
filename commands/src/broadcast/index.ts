// Broadcasts: owner commands, the scheduler that starts due occurrences and the sender that delivers them.
export * from './broadcast-ports.ts';
export * from './broadcast-commands.ts';
export * from './load-broadcast-channel.ts';
export * from './broadcast-texts.ts';
export * from './broadcast-message.ts';
export * from './chat-outcome.ts';
export * from './delivery-log.ts';
export * from './broadcast-sender.ts';
export * from './owner-progress.ts';
export * from './run-occurrence.ts';
export * from './broadcast-scheduler.ts';
