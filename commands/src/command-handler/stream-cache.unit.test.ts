import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayGateError, type EventStore } from '@paygate/domain';
import { createInMemoryEventStore } from '@paygate/testkit';
import { handleCommand } from './handle-command.ts';
import { createStreamCache, type StreamCache } from './stream-cache.ts';

// Deciding on a cached stream: the cache saves reads, but never decides alone what the store
// would contradict (a stale entry meets its expected revision, or a fresh read).
type Counted = { type: 'Counted'; data: { n: number } };

/** The store with every read counted, and another process's appends on the side. */
const countingStore = () => {
  const store = createInMemoryEventStore();
  let reads = 0;
  const eventStore: EventStore = {
    ...store,
    readStream: (streamId, options) => {
      reads++;
      return store.readStream(streamId, options);
    },
  };
  const elsewhere = (n: number) => store.append('counter-1', [{ id: randomUUID(), type: 'Counted', data: { n } }]);
  return { store, eventStore, reads: () => reads, elsewhere };
};

/** Counts up to `limit`: past it, `mode` says whether the decision is nothing or an error. */
const count = (eventStore: EventStore, cache: StreamCache, { limit = 3, mode = 'nothing' as 'nothing' | 'throw' } = {}) =>
  handleCommand<number, Counted>({
    eventStore,
    streamId: 'counter-1',
    initialState: () => 0,
    evolve: (n) => n + 1,
    decide: (n) => {
      if (n < limit) return [{ type: 'Counted', data: { n: n + 1 } }];
      if (mode === 'throw') throw new PayGateError('validation', `counted to ${limit} already`);
      return [];
    },
    cache,
  });

describe('handleCommand with a stream cache', () => {
  it('an unknown stream is read once, then decided on from the cache: each next command is only its append', async () => {
    const { eventStore, store, reads } = countingStore();
    const cache = createStreamCache();
    for (let n = 0; n < 3; n++) await count(eventStore, cache);
    expect(reads()).toBe(1);
    expect((await store.readStream('counter-1')).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
  });

  it('another process appended since: the stale decision conflicts, and the fresh one counts on from the store', async () => {
    const { eventStore, store, elsewhere } = countingStore();
    const cache = createStreamCache();
    await count(eventStore, cache, { limit: 5 });
    await elsewhere(2);
    expect(await count(eventStore, cache, { limit: 5 })).toMatchObject({ events: [{ data: { n: 3 } }], revision: 2n });
    expect((await store.readStream('counter-1')).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
  });

  it('a stale cache never answers "nothing to do" by itself: the store is read before nothing is returned', async () => {
    const { eventStore, store, reads } = countingStore();
    const cache = createStreamCache();
    cache.set('counter-1', { events: [1, 2, 3].map((n) => ({ type: 'Counted', data: { n } })), revision: 2n }); // a wrong view
    await store.append('counter-1', [{ id: randomUUID(), type: 'Counted', data: { n: 1 } }]);
    expect(await count(eventStore, cache)).toMatchObject({ events: [{ data: { n: 2 } }], revision: 1n });
    expect(reads()).toBe(1);
  });

  it('an error decided on the cache is decided again on a fresh read; a real one is thrown', async () => {
    const { eventStore, elsewhere } = countingStore();
    const cache = createStreamCache();
    cache.set('counter-1', { events: [1, 2, 3].map((n) => ({ type: 'Counted', data: { n } })), revision: 2n });
    await elsewhere(1);
    expect(await count(eventStore, cache, { mode: 'throw' })).toMatchObject({ events: [{ data: { n: 2 } }] });
    await count(eventStore, cache, { mode: 'throw' });
    await expect(count(eventStore, cache, { mode: 'throw' })).rejects.toMatchObject({ kind: 'validation' });
  });

  it('keeps the most recently used streams only', () => {
    const cache = createStreamCache({ maxStreams: 2 });
    for (const id of ['a', 'b']) cache.set(id, { events: [], revision: -1n });
    cache.get('a');
    cache.set('c', { events: [], revision: -1n });
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    expect(cache.size()).toBe(2);
  });
});
