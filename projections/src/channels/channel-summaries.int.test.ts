import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadModelDb, type ReadModelDb } from '../test-support/read-model-db.ts';
import { readModelRows } from '../test-support/read-model-rows.ts';
import type { RowPageKey } from '../read-models/row-page.ts';
import { listChannels } from './channel-summaries.ts';

// The dashboard's channel list: tiers and subscriber counts, an owner's channels only, keyset pages.
let rm: ReadModelDb;
const A = { ownerId: '100' };

beforeAll(async () => {
  rm = await startReadModelDb('paygate_channel_list');
  const rows = readModelRows(rm.db, rm.schema);
  // Owner A: five channels; two share a position, so the id breaks the tie.
  for (const [channelId, position] of [['a1', 1], ['a2', 5], ['a3', 5], ['a4', 7], ['a5', 9]] as const) {
    await rows.channel({ channelId, ownerId: '100', position });
  }
  await rows.channel({ channelId: 'b1', ownerId: '200', position: 6 });
  await rows.tier({ channelId: 'a4', tierId: 'yearly', name: 'Yearly' });
  await rows.tier({ channelId: 'a4', tierId: 'monthly', name: 'Monthly' });
  await rows.tier({ channelId: 'b1', tierId: 'monthly', name: 'B monthly' });
  await rows.subscription({ channelId: 'a4', subscriberId: '1', position: 1 });
  await rows.subscription({ channelId: 'a4', subscriberId: '2', position: 2 });
  await rows.subscription({ channelId: 'a4', subscriberId: '3', position: 3, status: 'expired' });
  await rows.subscription({ channelId: 'b1', subscriberId: '1', position: 4 });
});
afterAll(() => rm?.close());

const walk = async (scope: { ownerId?: string }, limit: number): Promise<string[][]> => {
  const pages: string[][] = [];
  let after: RowPageKey | undefined;
  do {
    const page = await listChannels(rm.db, rm.schema, { scope, limit, ...(after ? { after } : {}) });
    pages.push(page.items.map((channel) => channel.channelId));
    after = page.next;
  } while (after);
  return pages;
};

describe('listChannels', () => {
  it("an owner's channels with tiers and counts, newest change first", async () => {
    const { items, next } = await listChannels(rm.db, rm.schema, { scope: A });
    expect(items.map((c) => c.channelId)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
    expect(next).toBeUndefined();
    const a4 = items[1]!;
    expect(a4).toMatchObject({ ownerId: '100', title: 'Title a4', activeSubscribers: 2, subscribers: 3 });
    expect(a4.tiers.map((t) => [t.tierId, t.name, t.price.amount])).toEqual([
      ['monthly', 'Monthly', 1250n],
      ['yearly', 'Yearly', 1250n],
    ]);
    expect(items[0]).toMatchObject({ channelId: 'a5', tiers: [], activeSubscribers: 0, subscribers: 0 });
  });

  it("never lists another owner's channel; unscoped lists all", async () => {
    expect((await listChannels(rm.db, rm.schema, { scope: { ownerId: '200' } })).items.map((c) => [c.channelId, c.activeSubscribers])).toEqual([['b1', 1]]);
    expect((await listChannels(rm.db, rm.schema, { scope: { ownerId: '999' } })).items).toEqual([]);
    expect((await listChannels(rm.db, rm.schema)).items.map((c) => c.channelId)).toEqual(['a5', 'a4', 'b1', 'a3', 'a2', 'a1']);
  });

  it('keyset pages neither repeat nor skip, at every page size', async () => {
    for (const limit of [1, 2, 3, 5]) {
      const pages = await walk(A, limit);
      expect(pages.flat()).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
      expect(pages.every((page) => page.length <= limit && page.length > 0)).toBe(true);
    }
    expect((await walk({}, 2)).flat()).toEqual(['a5', 'a4', 'b1', 'a3', 'a2', 'a1']);
  });

  it('a page size out of 1..100 is a validation error', async () => {
    await expect(listChannels(rm.db, rm.schema, { limit: 0 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(listChannels(rm.db, rm.schema, { limit: 101 })).rejects.toMatchObject({ kind: 'validation' });
  });
});
