export { createKurrentEventStore, type KurrentEventStoreOptions } from './kurrent-event-store.ts';
