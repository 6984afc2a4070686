import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { createInMemoryEventStore } from '@paygate/testkit';
import { readPages } from './replay-pages.ts';

const logOf = async (count: number) => {
  const eventStore = createInMemoryEventStore();
  for (let i = 0; i < count; i++) await eventStore.append(`s-${i % 3}`, [{ id: randomUUID(), type: 'Seen', data: { i }, metadata: {} }]);
  return eventStore;
};

describe('readPages', () => {
  it('given a head position, hands out every event up to it in order, in pages, and none after', async () => {
    const eventStore = await logOf(25);
    const all = await eventStore.readAll();
    const pages: number[][] = [];
    const last = await readPages({
      eventStore,
      after: undefined,
      until: all[16]!.position,
      pageSize: 5,
      onPage: async (page: readonly RecordedEvent[]) => void pages.push(page.map((event) => (event.data as { i: number }).i)),
    });
    expect(pages).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14], [15, 16]]);
    expect(last).toEqual(all[16]!.position);
  });

  it('resumes after a position, and returns it unchanged when there is nothing more', async () => {
    const eventStore = await logOf(7);
    const all = await eventStore.readAll();
    const seen: number[] = [];
    const onPage = async (page: readonly RecordedEvent[]) => void seen.push(...page.map((event) => (event.data as { i: number }).i));
    expect(await readPages({ eventStore, after: all[3]!.position, until: undefined, pageSize: 2, onPage })).toEqual(all[6]!.position);
    expect(seen).toEqual([4, 5, 6]);
    expect(await readPages({ eventStore, after: all[6]!.position, until: undefined, pageSize: 2, onPage })).toEqual(all[6]!.position);
    expect(seen).toEqual([4, 5, 6]);
  });

  it('a failing page handler stops the read and its error reaches the caller', async () => {
    const eventStore = await logOf(12);
    let calls = 0;
    const failing = readPages({
      eventStore,
      after: undefined,
      until: undefined,
      pageSize: 4,
      onPage: async () => {
        if (++calls === 2) throw new Error('write failed');
      },
    });
    await expect(failing).rejects.toThrow('write failed');
    expect(calls).toBe(2);
  });
});
