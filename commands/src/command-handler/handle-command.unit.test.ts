import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayGateError, type EventStore } from '@paygate/domain';
import { commandSpec, createInMemoryEventStore } from '@paygate/testkit';
import { deterministicId } from '../ids/index.ts';
import { handleCommand } from './handle-command.ts';

// A counter that may count at most to 3: enough rules to see load, decide, append and retry.
type Counted = { type: 'Counted'; data: { n: number } };
const count = (eventStore: EventStore, options: { maxAttempts?: number; ids?: boolean } = {}) =>
  handleCommand<number, Counted>({
    eventStore,
    streamId: 'counter-1',
    initialState: () => 0,
    evolve: (n) => n + 1,
    decide: (n) => {
      if (n >= 3) throw new PayGateError('conflict', 'counted to 3 already');
      return [{ type: 'Counted', data: { n: n + 1 } }];
    },
    ...(options.ids ? { eventId: (event: Counted) => deterministicId('counted', String(event.data.n)) } : {}),
    metadata: { correlationId: 'c-1' },
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });

/** The store, with another writer appending to the stream just before each of our appends (`times` times). */
const contended = (times: number) => {
  const store = createInMemoryEventStore();
  let left = times;
  const eventStore: EventStore = {
    ...store,
    append: async (streamId, events, options) => {
      if (left-- > 0) await store.append(streamId, [{ id: randomUUID(), type: 'Counted', data: { n: -1 } }]);
      return store.append(streamId, events, options);
    },
  };
  return { store, eventStore };
};

describe('handleCommand', () => {
  it('appends what the decision returns, expecting no stream, with the metadata', async () => {
    const { result } = await commandSpec()
      .given({})
      .when(({ eventStore }) => count(eventStore, { ids: true }))
      .thenAppends({ 'counter-1': [{ type: 'Counted', data: { n: 1 }, id: deterministicId('counted', '1'), metadata: { correlationId: 'c-1' } }] });
    expect(result).toEqual({ events: [{ type: 'Counted', data: { n: 1 } }], revision: 0n });
  });

  it('decides on the folded stream and appends at its revision', async () => {
    const { result } = await commandSpec()
      .given({ 'counter-1': [{ type: 'Counted', data: { n: 1 } }] })
      .when(({ eventStore }) => count(eventStore))
      .thenAppends({ 'counter-1': [{ type: 'Counted', data: { n: 2 } }] });
    expect(result.revision).toBe(1n);
  });

  it("a rule's error is thrown as it is and appends nothing", async () => {
    const three = [1, 2, 3].map((n) => ({ type: 'Counted', data: { n } }));
    await commandSpec().given({ 'counter-1': three }).when(({ eventStore }) => count(eventStore)).thenThrows('conflict', { message: 'counted to 3' });
  });

  it('someone appending in between: decides again on the fresh stream, never merges blindly', async () => {
    const { store, eventStore } = contended(2);
    expect(await count(eventStore)).toEqual({ events: [{ type: 'Counted', data: { n: 3 } }], revision: 2n });
    expect((await store.readStream('counter-1')).map((e) => (e.data as { n: number }).n)).toEqual([-1, -1, 3]);
  });

  it('reports the conflict after maxAttempts', async () => {
    const { store, eventStore } = contended(5);
    await expect(count(eventStore, { maxAttempts: 2 })).rejects.toMatchObject({ kind: 'conflict', details: { actualRevision: 1n } });
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('a decision of nothing appends nothing and reports the current revision (-1n: no stream)', async () => {
    const eventStore = createInMemoryEventStore();
    const nothing = (streamId: string) =>
      handleCommand<number, Counted>({ eventStore, streamId, initialState: () => 0, evolve: (n) => n, decide: () => [] });
    expect(await nothing('counter-1')).toEqual({ events: [], revision: -1n });
    await eventStore.append('counter-2', [{ id: randomUUID(), type: 'Counted', data: { n: 1 } }]);
    expect(await nothing('counter-2')).toEqual({ events: [], revision: 0n });
  });
});
