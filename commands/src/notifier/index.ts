// Notifier: owner notifications (one per causing event) and the DM helpers every lifecycle step uses.
export * from './telegram-calls.ts';
export * from './telegram-priority.ts';
export * from './direct-message.ts';
export * from './owner-notifier.ts';
export * from './owner-digest.ts';
export * from './owner-digest-text.ts';
export * from './donor-thanks.ts';
