import type { EventStore } from '@paygate/domain';
import { createInMemoryEventStore, createInMemoryLog } from '@paygate/testkit';
import { describeEventStoreContract } from '../contract/index.ts';

// The in-memory store that handler and projection unit tests run on (testkit) must behave as the
// production adapters do: the same contract suite, unchanged. It has no transactions, so the
// contract's holdAppend case (an append that commits late) does not apply and is skipped.
describeEventStoreContract('in-memory (testkit)', async () => {
  const log = createInMemoryLog();
  let store: EventStore = createInMemoryEventStore({ log });
  return {
    store,
    // Event ids are unique across the log, as in PostgreSQL.
    eventIdsUniqueAcrossStreams: true,
    // A restart is a new store on the same data.
    restart: async () => {
      await store.close();
      store = createInMemoryEventStore({ log });
      return store;
    },
    teardown: () => store.close(),
  };
});
