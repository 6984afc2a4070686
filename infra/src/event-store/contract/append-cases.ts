import { describe, expect, it } from 'vitest';
import { NO_STREAM_REVISION, comparePositions } from '@paygate/domain';
import { conflictOf, errorKindOf, events, newEvent, newStream, type ContractContext } from './helpers.ts';

export const appendCases = (ctx: ContractContext): void => {
  describe('append and expected revisions', () => {
    it("'no_stream' creates a stream once, then conflicts with the actual revision", async () => {
      const stream = newStream('no-stream');
      const first = await ctx.store().append(stream, events(2), { expectedRevision: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(1n);
      const error = await conflictOf(ctx.store().append(stream, events(1), { expectedRevision: 'no_stream' }));
      expect(error.details).toMatchObject({ streamId: stream, expectedRevision: 'no_stream', actualRevision: 1n });
    });

    it("'stream_exists' fails on a missing stream with actualRevision -1n, then succeeds once it exists", async () => {
      const stream = newStream('exists');
      const error = await conflictOf(ctx.store().append(stream, events(1), { expectedRevision: 'stream_exists' }));
      expect(error.details.actualRevision).toBe(NO_STREAM_REVISION);
      await ctx.store().append(stream, events(1));
      const result = await ctx.store().append(stream, events(2), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('an exact revision must match the last event, on existing and missing streams', async () => {
      const stream = newStream('exact');
      const missing = await conflictOf(ctx.store().append(stream, events(1), { expectedRevision: 0n }));
      expect(missing.details).toMatchObject({ expectedRevision: 0n, actualRevision: -1n });

      const created = await ctx.store().append(stream, events(1), { expectedRevision: 'no_stream' });
      const next = await ctx.store().append(stream, events(2), { expectedRevision: created.nextExpectedRevision });
      expect(next.nextExpectedRevision).toBe(2n);

      const stale = await conflictOf(ctx.store().append(stream, events(1), { expectedRevision: 0n }));
      expect(stale.details).toMatchObject({ streamId: stream, expectedRevision: 0n, actualRevision: 2n });
      const ahead = await conflictOf(ctx.store().append(stream, events(1), { expectedRevision: 7n }));
      expect(ahead.details.actualRevision).toBe(2n);
      expect(await ctx.store().readStream(stream)).toHaveLength(3);
    });

    it("'any' (the default) appends whatever the stream holds", async () => {
      const stream = newStream('any');
      expect((await ctx.store().append(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await ctx.store().append(stream, events(2))).nextExpectedRevision).toBe(2n);
    });

    it('-1n (the revision a conflict reports for no stream) means no_stream', async () => {
      const stream = newStream('minus-one');
      await ctx.store().append(stream, events(1), { expectedRevision: NO_STREAM_REVISION });
      const error = await conflictOf(ctx.store().append(stream, events(1), { expectedRevision: NO_STREAM_REVISION }));
      expect(error.details.actualRevision).toBe(0n);
    });

    it("returns the last event's revision and global position", async () => {
      const stream = newStream('result');
      const first = await ctx.store().append(stream, events(3));
      const second = await ctx.store().append(stream, events(1));
      const stored = await ctx.store().readStream(stream);
      expect(stored.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n, 3n]);
      expect(stored[2]?.position).toEqual(first.position);
      expect(stored[3]?.position).toEqual(second.position);
      expect(comparePositions(first.position, second.position)).toBe(-1);
    });

    it('rejects malformed appends as validation errors, writing nothing', async () => {
      const stream = newStream('invalid');
      expect(await errorKindOf(ctx.store().append(stream, []))).toBe('validation');
      expect(await errorKindOf(ctx.store().append(stream, [{ ...newEvent(), id: 'not-a-uuid' }]))).toBe('validation');
      expect(await errorKindOf(ctx.store().append(stream, [{ ...newEvent(), data: { amount: 10n } }]))).toBe('validation');
      const twice = newEvent();
      expect(await errorKindOf(ctx.store().append(stream, [twice, twice]))).toBe('validation');
      expect(await errorKindOf(ctx.store().append(stream, events(1), { expectedRevision: -2n }))).toBe('validation');
      expect(await errorKindOf(ctx.store().append('', events(1)))).toBe('validation');
      expect(await ctx.store().readStream(stream)).toEqual([]);
    });
  });
};
