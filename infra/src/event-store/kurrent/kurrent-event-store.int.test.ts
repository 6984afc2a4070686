import { describe, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { describeEventStoreContract } from '../contract/index.ts';
import { createKurrentEventStore } from './index.ts';

const url = process.env.EVENTSTORE_URL;
const SKIPPED = 'KurrentDB event store contract skipped: EVENTSTORE_URL not set (no KurrentDB server on this machine)';

if (url === undefined || url === '') {
  // Say it where a reader of the test output will see it, not only in a skip count.
  console.log(SKIPPED);
  describe.skip(SKIPPED, () => {
    it('runs the EventStore contract against KurrentDB when EVENTSTORE_URL is set', () => {});
  });
} else {
  describeEventStoreContract('KurrentDB', async () => {
    let store: EventStore = createKurrentEventStore({ connectionString: url });
    await store.ping();
    return {
      store,
      eventIdsUniqueAcrossStreams: false, // KurrentDB checks ids per stream only
      restart: async () => {
        await store.close();
        store = createKurrentEventStore({ connectionString: url });
        return store;
      },
      teardown: () => store.close(),
    };
  });
}
