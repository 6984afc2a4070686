import { describe, expect, it } from 'vitest';
import { comparePositions, type RecordedEvent } from '@paygate/domain';
import { checkpoint, events, newEvent, newStream, readAllOf, readAllOfWhenVisible, type ContractContext } from './helpers.ts';

const isStrictlyIncreasing = (recorded: RecordedEvent[]): boolean =>
  recorded.every((event, i) => i === 0 || comparePositions(recorded[i - 1]!.position, event.position) < 0);

export const readCases = (ctx: ContractContext): void => {
  describe('readStream', () => {
    it('returns the events in revision order with data, metadata and recordedAt', async () => {
      const stream = newStream('read');
      const appended = [newEvent('First', { amountMinor: '1250', currency: 'USDT', nested: { ok: true } }), newEvent('Second', ['a', 1])];
      const before = Date.now();
      await ctx.store().append(stream, appended);
      const stored = await ctx.store().readStream(stream);
      expect(stored.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata, streamId: e.streamId, streamRevision: e.streamRevision }))).toEqual(
        appended.map((e, i) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata, streamId: stream, streamRevision: BigInt(i) })),
      );
      for (const event of stored) {
        expect(event.recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(event.recordedAt.getTime() - before)).toBeLessThan(60_000);
        expect(typeof event.position.commit).toBe('bigint');
      }
    });

    it('honours fromRevision and maxCount, and reads a missing stream as empty', async () => {
      const stream = newStream('read-window');
      await ctx.store().append(stream, events(5));
      expect((await ctx.store().readStream(stream, { fromRevision: 2n })).map((e) => e.streamRevision)).toEqual([2n, 3n, 4n]);
      expect((await ctx.store().readStream(stream, { fromRevision: 1n, maxCount: 2 })).map((e) => e.streamRevision)).toEqual([1n, 2n]);
      expect(await ctx.store().readStream(stream, { fromRevision: 9n })).toEqual([]);
      expect(await ctx.store().readStream(newStream('missing'))).toEqual([]);
    });
  });

  describe('readAll', () => {
    it('returns events strictly after a position, in global order, pageable with maxCount', async () => {
      const from = await checkpoint(ctx.store());
      const [s1, s2] = [newStream('all-1'), newStream('all-2')];
      for (let i = 0; i < 4; i++) {
        await ctx.store().append(s1, events(1));
        await ctx.store().append(s2, events(2));
      }
      const all = await readAllOfWhenVisible(ctx.store(), from, [s1, s2], 12);
      expect(all).toHaveLength(12);
      expect(isStrictlyIncreasing(all)).toBe(true);
      expect(all.map((e) => e.streamId)).toEqual(Array.from({ length: 4 }, () => [s1, s2, s2]).flat());

      const paged: RecordedEvent[] = [];
      let after = from;
      for (;;) {
        const page = await ctx.store().readAll({ after, maxCount: 5 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(5);
        paged.push(...page);
        after = page.at(-1)!.position;
      }
      expect(paged.filter((e) => e.streamId === s1 || e.streamId === s2).map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect((await ctx.store().readAll({ after: all.at(-1)!.position })).some((e) => e.streamId === s1 || e.streamId === s2)).toBe(false);
    });

    it('never skips an event whose transaction commits after a later append began (adapter hook)', async (test) => {
      const holdAppend = ctx.harness().holdAppend;
      if (holdAppend === undefined) return test.skip('skipped: this adapter has no transactions, so no append can commit late');
      const from = await checkpoint(ctx.store());
      const [early, late] = [newStream('held'), newStream('quick')];
      const heldEvent = newEvent('Held');
      const held = await holdAppend(early, [heldEvent]); // begun first, still uncommitted
      let committed = false;
      try {
        // An adapter may let the later append commit first (and hide it from $all until the held
        // one ends) or make it wait for the held one (positions in commit order). Either way a
        // reader must not see it, or it would checkpoint past the held event.
        const quick = ctx.store().append(late, [newEvent('Quick')]);
        quick.catch(() => {}); // awaited below; never an unhandled rejection if we fail first
        const settled = await Promise.race([quick.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 200))]);
        const readerCheckpoint = (await ctx.store().readAll({ after: from })).at(-1)?.position ?? from;
        expect(await readAllOf(ctx.store(), from, [early, late])).toEqual([]);
        if (settled) expect(comparePositions(readerCheckpoint, (await quick).position)).toBe(-1);

        await held.commit();
        committed = true;
        await quick;
        const both = await readAllOfWhenVisible(ctx.store(), from, [early, late], 2);
        expect(both).toHaveLength(2);
        expect(both.map((e) => e.id)).toEqual([heldEvent.id, both[1]!.id]);
        expect(both[1]!.streamId).toBe(late);
        expect(isStrictlyIncreasing(both)).toBe(true);
        // The reader that checkpointed while the first was held still gets both, in order.
        const resumed = await readAllOf(ctx.store(), readerCheckpoint, [early, late]);
        expect(resumed.map((e) => e.streamId)).toEqual([early, late]);
      } finally {
        if (!committed) await held.rollback();
      }
    });
  });
};
