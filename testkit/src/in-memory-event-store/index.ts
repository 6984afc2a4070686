// The EventStore port in memory (unit tests only); passes the adapters' contract suite.
export { createInMemoryEventStore, type InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store.ts';
export { createInMemoryLog, type InMemoryLog } from './in-memory-log.ts';
