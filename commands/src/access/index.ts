// Access: the access manager (PaymentReceived → one invite link, grant, DM) and the join handlers the bot calls.
export * from './access-options.ts';
export * from './subscription-store.ts';
export * from './access-manager.ts';
export * from './access-commands.ts';
export * from './refund-manager.ts';
