export * from './recorded-event.ts';
export * from './event-store.ts';
export * from './append-input.ts';
export * from './pulled-subscription.ts';
