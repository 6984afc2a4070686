import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { comparePositions } from '@paygate/domain';
import { checkpoint, events, newStream, readAllOfWhenVisible, type ContractContext } from './helpers.ts';

// One operation: append `size` events to stream number `stream`, by writer number `writer`.
const operation = fc.record({ writer: fc.integer({ min: 0, max: 3 }), stream: fc.integer({ min: 0, max: 2 }), size: fc.integer({ min: 1, max: 3 }) });

export const orderingProperty = (ctx: ContractContext): void => {
  describe('ordering property', () => {
    it('concurrent random appends to a few streams read back from $all with contiguous, ordered revisions', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 24 }), async (operations) => {
          const from = await checkpoint(ctx.store());
          const streams = [0, 1, 2].map((n) => newStream(`prop${n}`));
          const writers = [0, 1, 2, 3].map((writer) => operations.filter((op) => op.writer === writer));
          // Writers run in parallel; each one's appends are sequential.
          await Promise.all(
            writers.map(async (ops) => {
              for (const op of ops) await ctx.store().append(streams[op.stream]!, events(op.size));
            }),
          );
          const total = operations.reduce((sum, op) => sum + op.size, 0);
          const all = await readAllOfWhenVisible(ctx.store(), from, streams, total);
          expect(all).toHaveLength(total);
          for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBe(-1);
          for (const stream of streams) {
            const revisions = all.filter((e) => e.streamId === stream).map((e) => e.streamRevision);
            expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
            expect(await ctx.store().readStream(stream)).toHaveLength(revisions.length);
          }
        }),
        { numRuns: Number(process.env.PAYGATE_PROPERTY_RUNS ?? 15) },
      );
    });
  });
};
