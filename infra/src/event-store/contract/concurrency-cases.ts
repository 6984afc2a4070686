import { describe, expect, it } from 'vitest';
import { isPayGateError, type AppendResult } from '@paygate/domain';
import { conflictOf, events, newEvent, newStream, type ContractContext } from './helpers.ts';

const settle = async (attempts: Promise<AppendResult>[]) => {
  const results = await Promise.allSettled(attempts);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  return { won, lost };
};

export const concurrencyCases = (ctx: ContractContext): void => {
  describe('optimistic concurrency under real parallel appends', () => {
    it('10 parallel appends expecting the same exact revision: exactly one wins', async () => {
      const stream = newStream('race-exact');
      await ctx.store().append(stream, events(1), { expectedRevision: 'no_stream' });
      const { won, lost } = await settle(Array.from({ length: 10 }, () => ctx.store().append(stream, events(1), { expectedRevision: 0n })));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      for (const error of lost) {
        expect(isPayGateError(error) && error.kind).toBe('conflict');
        expect(isPayGateError(error) && error.details.actualRevision).toBe(1n);
      }
      expect(await ctx.store().readStream(stream)).toHaveLength(2);
    });

    it("10 parallel 'no_stream' creations of one stream: exactly one wins", async () => {
      const stream = newStream('race-create');
      const { won, lost } = await settle(Array.from({ length: 10 }, () => ctx.store().append(stream, events(2), { expectedRevision: 'no_stream' })));
      expect(won).toHaveLength(1);
      expect(lost.every((e) => isPayGateError(e) && e.kind === 'conflict' && e.details.actualRevision === 1n)).toBe(true);
      expect(await ctx.store().readStream(stream)).toHaveLength(2);
    });

    it("parallel 'any' appends all land, with contiguous revisions and no lost update", async () => {
      const stream = newStream('race-any');
      const { won } = await settle(Array.from({ length: 10 }, () => ctx.store().append(stream, events(2))));
      expect(won).toHaveLength(10);
      const stored = await ctx.store().readStream(stream);
      expect(stored.map((e) => e.streamRevision)).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i)));
    });
  });

  describe('idempotency by event id', () => {
    it('re-appending the same ids at the same place succeeds with the original result and writes nothing', async () => {
      const stream = newStream('idem');
      const batch = events(2);
      const first = await ctx.store().append(stream, batch, { expectedRevision: 'no_stream' });
      expect(await ctx.store().append(stream, batch, { expectedRevision: 'no_stream' })).toEqual(first);

      const more = events(2);
      const second = await ctx.store().append(stream, more, { expectedRevision: 1n });
      await ctx.store().append(stream, events(1), { expectedRevision: 3n }); // the stream moves on
      expect(await ctx.store().append(stream, more, { expectedRevision: 1n })).toEqual(second);
      expect(await ctx.store().readStream(stream)).toHaveLength(5);
    });

    it("re-appending with 'any' is idempotent too", async () => {
      const stream = newStream('idem-any');
      const batch = events(3);
      const first = await ctx.store().append(stream, batch);
      expect(await ctx.store().append(stream, batch)).toEqual(first);
      expect(await ctx.store().append(stream, batch, { expectedRevision: 'stream_exists' })).toEqual(first);
      expect(await ctx.store().readStream(stream)).toHaveLength(3);
    });

    it('parallel retries of one append write it once', async () => {
      const stream = newStream('idem-parallel');
      const batch = events(2);
      const results = await Promise.all(Array.from({ length: 6 }, () => ctx.store().append(stream, batch, { expectedRevision: 'no_stream' })));
      expect(new Set(results.map((r) => `${r.position.commit}/${r.position.prepare}`)).size).toBe(1);
      expect(await ctx.store().readStream(stream)).toHaveLength(2);
    });

    it('the same ids at another place in the stream are a conflict', async () => {
      const stream = newStream('idem-elsewhere');
      const [a, b] = [newEvent(), newEvent()];
      await ctx.store().append(stream, [a, b], { expectedRevision: 'no_stream' });
      await ctx.store().append(stream, events(1), { expectedRevision: 1n });
      // Would put a,b at revisions 1..2, but they are at 0..1.
      const error = await conflictOf(ctx.store().append(stream, [a, b], { expectedRevision: 0n }));
      expect(error.details.actualRevision).toBe(2n);
      // Only part of the batch was appended before.
      await conflictOf(ctx.store().append(stream, [a, newEvent()], { expectedRevision: 'no_stream' }));
      expect(await ctx.store().readStream(stream)).toHaveLength(3);
    });

    it('the same id in another stream is a conflict (where the adapter makes ids global)', async (test) => {
      if (ctx.harness().eventIdsUniqueAcrossStreams !== true) test.skip('skipped: this adapter scopes event ids to their stream');
      const event = newEvent();
      await ctx.store().append(newStream('idem-a'), [event]);
      const other = newStream('idem-b');
      await conflictOf(ctx.store().append(other, [event]));
      expect(await ctx.store().readStream(other)).toEqual([]);
    });
  });
};
