export {
  createPostgresEventStore,
  migrateEventStore,
  DEFAULT_NOTIFY_CHANNEL,
  EVENT_STORE_MIGRATION_SCOPE,
  type PostgresEventStoreOptions,
} from './postgres-event-store.ts';
export { eventStoreAppGrants, eventStoreMigrations, APPEND_FUNCTION } from './schema.ts';
