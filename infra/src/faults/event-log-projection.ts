import type { Projection } from '@paygate/projections';

/**
 * A fault-test read model: one row per event with the event id as primary key and a plain
 * INSERT, so an event applied twice fails loudly instead of hiding.
 */
export const eventLogProjection: Projection = {
  name: 'fault_event_log',
  version: 1,
  tables: ['fault_event_log'],
  handles: ['FaultProbe'],
  ddl: (schema) => [
    `CREATE TABLE IF NOT EXISTS "${schema}".fault_event_log (event_id uuid PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL)`,
  ],
  apply: async (db, event) => {
    await db
      .insertInto('fault_event_log')
      .values({ event_id: event.id, stream_id: event.streamId, revision: event.streamRevision.toString() })
      .execute();
  },
};
