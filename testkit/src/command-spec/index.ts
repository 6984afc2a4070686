// Given/when/then for command handlers and process managers over the in-memory event store.
export * from './expected-events.ts';
export * from './command-spec.ts';
export * from './given-event-id.ts';
