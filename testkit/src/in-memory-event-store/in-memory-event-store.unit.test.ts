import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventToAppend } from '@paygate/domain';
import { createInMemoryEventStore } from './in-memory-event-store.ts';

// What the in-memory store promises beyond the shared contract (run in infra/src/event-store/in-memory).

const event = (data: unknown = { n: 1 }): EventToAppend => ({ id: randomUUID(), type: 'Tested', data });

describe('in-memory event store', () => {
  it('given stored events, when a reader mutates what it read, then the log is unchanged', async () => {
    const store = createInMemoryEventStore();
    await store.append('s-1', [event({ nested: { amount: '10' } })]);
    const [read] = await store.readStream('s-1');
    (read!.data as { nested: { amount: string } }).nested.amount = '999';
    read!.metadata.correlationId = 'forged';
    expect((await store.readStream('s-1'))[0]).toMatchObject({ data: { nested: { amount: '10' } }, metadata: {} });
  });

  it('given data with undefined fields, when read back, then it is what a JSON column returns', async () => {
    const store = createInMemoryEventStore();
    await store.append('s-1', [event({ kept: 1, dropped: undefined })]);
    expect((await store.readStream('s-1'))[0]!.data).toStrictEqual({ kept: 1 });
  });

  it('given a clock, then recordedAt comes from it', async () => {
    const store = createInMemoryEventStore({ clock: () => new Date('2026-01-02T03:04:05.000Z') });
    await store.append('s-1', [event()]);
    expect((await store.readAll())[0]!.recordedAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('given one append of three events, then they share a commit position and take increasing prepare positions', async () => {
    const store = createInMemoryEventStore();
    await store.append('s-1', [event()]);
    await store.append('s-2', [event(), event(), event()]);
    const all = await store.readAll();
    expect(new Set(all.slice(1).map((e) => e.position.commit)).size).toBe(1);
    expect(all[1]!.position.commit).toBeGreaterThan(all[0]!.position.commit);
    expect(all.map((e) => e.position.prepare)).toEqual([...all.map((e) => e.position.prepare)].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('given a closed store, then every call is unavailable and its subscriptions end', async () => {
    const store = createInMemoryEventStore();
    const subscription = store.subscribeToAll();
    const next = subscription[Symbol.asyncIterator]().next();
    await store.close();
    expect(await next).toEqual({ done: true, value: undefined });
    await expect(store.append('s-1', [event()])).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(store.readStream('s-1')).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(store.readAll()).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(store.ping()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(() => store.subscribeToAll()).toThrow(expect.objectContaining({ kind: 'unavailable' }));
  });

  it('given an already aborted signal, then the subscription delivers nothing', async () => {
    const store = createInMemoryEventStore();
    await store.append('s-1', [event()]);
    const subscription = store.subscribeToAll({ signal: AbortSignal.abort() });
    expect(await subscription[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it('given bad read options, then they are validation errors as in PostgreSQL', async () => {
    const store = createInMemoryEventStore();
    await expect(store.readStream('s-1', { fromRevision: -1n })).rejects.toMatchObject({ kind: 'validation' });
    await expect(store.readAll({ maxCount: -1 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(store.readAll({ maxCount: 1.5 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(store.append('$system', [event()])).rejects.toMatchObject({ kind: 'validation' });
  });
});
