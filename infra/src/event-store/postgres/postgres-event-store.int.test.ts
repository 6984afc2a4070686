import type pg from 'pg';
import type { EventStore } from '@paygate/domain';
import { createTestDatabase } from '@paygate/testkit';
import { createPool } from '../../postgres/index.ts';
import { describeEventStoreContract } from '../contract/index.ts';
import { holdPostgresAppend } from './hold-append.ts';
import { createPostgresEventStore, migrateEventStore } from './index.ts';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase('paygate_es_contract');
  let pool: pg.Pool = createPool(db.url, { max: 12 });
  await migrateEventStore(pool);
  let store: EventStore = createPostgresEventStore({ pool });
  return {
    store,
    eventIdsUniqueAcrossStreams: true,
    // A restart is a new process: new pool, new store, same database.
    restart: async () => {
      await store.close();
      await pool.end();
      pool = createPool(db.url, { max: 12 });
      store = createPostgresEventStore({ pool });
      return store;
    },
    teardown: async () => {
      await store.close();
      await pool.end();
      await db.drop();
    },
    holdAppend: (streamId, events) => holdPostgresAppend(db.url, streamId, events),
  };
});
