import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowPageKey } from '../read-models/row-page.ts';
import { startReadModelDb, type ReadModelDb } from '../test-support/read-model-db.ts';
import { readModelRows } from '../test-support/read-model-rows.ts';
import { countActiveSubscribers } from './active-subscribers.ts';
import { listRenewalsDue } from './renewals-due.ts';
import { listSubscribers, type SubscriberListQuery } from './subscriber-list.ts';

// The dashboard's subscriber queries: owner A's channels ('a', 'a/x') against owner B's ('b').
let rm: ReadModelDb;
const A = { ownerId: '100' };
const B = { ownerId: '200' };
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T00:00:00.000Z`;

beforeAll(async () => {
  rm = await startReadModelDb('paygate_subscriber_list');
  const rows = readModelRows(rm.db, rm.schema);
  await rows.channel({ channelId: 'a', ownerId: '100', position: 1, title: 'Alpha' });
  await rows.channel({ channelId: 'a/x', ownerId: '100', position: 2, title: 'Alpha X' });
  await rows.channel({ channelId: 'b', ownerId: '200', position: 3, title: 'Beta' });
  await rows.tier({ channelId: 'a', tierId: 'monthly', name: 'Monthly' });
  // Positions repeat across rows, so (channel, subscriber) must break the ties in the keyset order.
  await rows.subscription({ channelId: 'a', subscriberId: '1', position: 10, endsAt: day(5) });
  await rows.subscription({ channelId: 'a', subscriberId: '2', position: 10, endsAt: day(3) });
  await rows.subscription({ channelId: 'a/x', subscriberId: '1', position: 10, endsAt: day(3) });
  await rows.subscription({ channelId: 'a/x', subscriberId: '3', position: 11, endsAt: day(4), status: 'expired' });
  await rows.subscription({ channelId: 'a', subscriberId: '4', position: 12, endsAt: day(10), tierId: 'gone' });
  await rows.subscription({ channelId: 'b', subscriberId: '1', position: 13, endsAt: day(3) });
  await rows.subscription({ channelId: 'b', subscriberId: '5', position: 9, endsAt: day(4) });
});
afterAll(() => rm?.close());

const key = (s: { channelId: string; subscriberId: string }) => `${s.channelId}|${s.subscriberId}`;
const walk = async (query: SubscriberListQuery, limit: number): Promise<string[]> => {
  const seen: string[] = [];
  let after: RowPageKey | undefined;
  do {
    const page = await listSubscribers(rm.db, rm.schema, { ...query, limit, ...(after ? { after } : {}) });
    expect(page.items.length).toBeGreaterThan(0);
    seen.push(...page.items.map(key));
    after = page.next;
  } while (after);
  return seen;
};

const A_ORDER = ['a|4', 'a/x|3', 'a/x|1', 'a|2', 'a|1'];

describe('listSubscribers', () => {
  it("an owner's subscribers, newest change first, with channel title and tier name", async () => {
    const { items, next } = await listSubscribers(rm.db, rm.schema, { scope: A });
    expect(items.map(key)).toEqual(A_ORDER);
    expect(next).toBeUndefined();
    expect(items.at(-1)).toMatchObject({ channelTitle: 'Alpha', tierName: 'Monthly', status: 'active', endsAt: day(5) });
    expect(items[0]).toMatchObject({ channelTitle: 'Alpha', tierId: 'gone', tierName: null });
  });

  it("never another owner's; a foreign channel filter finds nothing; unscoped sees all", async () => {
    expect((await listSubscribers(rm.db, rm.schema, { scope: B })).items.map(key)).toEqual(['b|1', 'b|5']);
    expect((await listSubscribers(rm.db, rm.schema, { scope: A, channelId: 'b' })).items).toEqual([]);
    expect((await listSubscribers(rm.db, rm.schema, {})).items.map(key)).toEqual(['b|1', ...A_ORDER, 'b|5']);
  });

  it('filters by channel and status', async () => {
    expect((await listSubscribers(rm.db, rm.schema, { scope: A, channelId: 'a/x' })).items.map(key)).toEqual(['a/x|3', 'a/x|1']);
    expect((await listSubscribers(rm.db, rm.schema, { scope: A, status: 'expired' })).items.map(key)).toEqual(['a/x|3']);
  });

  it('keyset pages neither repeat nor skip (ties on position, a slash in a channel id)', async () => {
    for (const limit of [1, 2, 3, 4]) {
      expect(await walk({ scope: A }, limit)).toEqual(A_ORDER);
      expect(await walk({}, limit)).toEqual(['b|1', ...A_ORDER, 'b|5']);
    }
    const first = await listSubscribers(rm.db, rm.schema, { scope: A, limit: 2 });
    expect(first.next?.id).toBe('a/x/3');
  });

  it('a malformed page id or page size is a validation error', async () => {
    const after = { position: { commit: 10n, prepare: 10n }, id: 'a' };
    await expect(listSubscribers(rm.db, rm.schema, { after })).rejects.toMatchObject({ kind: 'validation' });
    await expect(listSubscribers(rm.db, rm.schema, { limit: 101 })).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('countActiveSubscribers', () => {
  it("counts running subscriptions of the scope's channels", async () => {
    expect(await countActiveSubscribers(rm.db, rm.schema, { scope: A })).toBe(4);
    expect(await countActiveSubscribers(rm.db, rm.schema, { scope: A, channelId: 'a/x' })).toBe(1);
    expect(await countActiveSubscribers(rm.db, rm.schema, { scope: A, channelId: 'b' })).toBe(0);
    expect(await countActiveSubscribers(rm.db, rm.schema, { scope: B })).toBe(2);
    expect(await countActiveSubscribers(rm.db, rm.schema, { scope: { ownerId: '999' } })).toBe(0);
    expect(await countActiveSubscribers(rm.db, rm.schema)).toBe(6);
  });
});

describe('listRenewalsDue', () => {
  const due = (scope: { ownerId?: string }, from: string, until: string, limit = 100) =>
    listRenewalsDue(rm.db, rm.schema, { scope, from: new Date(from), until: new Date(until), limit }).then((items) => items.map(key));

  it('running periods ending in [from, until), soonest first, ties by channel then subscriber', async () => {
    expect(await due(A, day(3), day(10))).toEqual(['a|2', 'a/x|1', 'a|1']);
    expect(await due(A, day(3), day(11))).toEqual(['a|2', 'a/x|1', 'a|1', 'a|4']);
    expect(await due(A, day(4), day(10))).toEqual(['a|1']);
    expect(await due(A, day(3), day(11), 2)).toEqual(['a|2', 'a/x|1']);
  });

  it("only the scope's channels", async () => {
    expect(await due(B, day(1), day(30))).toEqual(['b|1', 'b|5']);
    expect(await due({}, day(1), day(4))).toEqual(['a|2', 'a/x|1', 'b|1']);
  });

  it('with SubscriberView fields, and a bounded limit', async () => {
    const [first] = await listRenewalsDue(rm.db, rm.schema, { scope: A, from: new Date(day(3)), until: new Date(day(4)), limit: 1 });
    expect(first).toMatchObject({ channelId: 'a', subscriberId: '2', channelTitle: 'Alpha', tierName: 'Monthly', endsAt: day(3) });
    await expect(listRenewalsDue(rm.db, rm.schema, { from: new Date(), until: new Date(), limit: 0 })).rejects.toMatchObject({ kind: 'validation' });
  });
});
