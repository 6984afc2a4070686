import { describe, expect, it } from 'vitest';
import { checkpoint, events, newStream, readerOf, type ContractContext } from './helpers.ts';

export const subscriptionCases = (ctx: ContractContext): void => {
  describe('subscribeToAll', () => {
    it('catches up, then delivers live appends, then ends on close', async () => {
      const from = await checkpoint(ctx.store());
      const stream = newStream('sub');
      const history = await ctx.store().append(stream, events(3));
      const subscription = ctx.store().subscribeToAll({ after: from });
      const reader = readerOf(subscription);
      try {
        const caughtUp = await reader.take(3, [stream]);
        expect(caughtUp.map((e) => e.streamRevision)).toEqual([0n, 1n, 2n]);
        expect(caughtUp[2]?.position).toEqual(history.position);

        const live = ctx.store().append(stream, events(2));
        const delivered = await reader.take(2, [stream], 5_000);
        expect(delivered.map((e) => e.streamRevision)).toEqual([3n, 4n]);
        expect(delivered[1]?.position).toEqual((await live).position);
      } finally {
        await subscription.close();
      }
      expect(await reader.ended()).toBe(true);
    });

    it('ends a pending wait promptly on close() and on abort', async () => {
      const from = await checkpoint(ctx.store());
      const closing = ctx.store().subscribeToAll({ after: from });
      const closingReader = readerOf(closing);
      expect(await closingReader.quiet([newStream('nothing')], 300)).toBe('quiet');
      const started = Date.now();
      await closing.close();
      expect(await closingReader.ended(2_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);

      const controller = new AbortController();
      const aborting = ctx.store().subscribeToAll({ after: from, signal: controller.signal });
      const abortingReader = readerOf(aborting);
      expect(await abortingReader.quiet([newStream('nothing')], 300)).toBe('quiet');
      controller.abort();
      expect(await abortingReader.ended(2_000)).toBe(true);
    });

    it('resumes after a restart from the last delivered position: nothing missed, nothing repeated', async () => {
      const from = await checkpoint(ctx.store());
      const stream = newStream('resume');
      await ctx.store().append(stream, events(4));
      const first = ctx.store().subscribeToAll({ after: from });
      const seen = await readerOf(first).take(2, [stream]);
      const lastSeen = seen.at(-1)!.position;
      await first.close();

      const restarted = await ctx.restart();
      await restarted.append(stream, events(2)); // written while nobody was subscribed
      const second = restarted.subscribeToAll({ after: lastSeen });
      const reader = readerOf(second);
      try {
        const rest = await reader.take(4, [stream]);
        expect([...seen, ...rest].map((e) => e.streamRevision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        await restarted.append(stream, events(1));
        expect((await reader.take(1, [stream]))[0]?.streamRevision).toBe(6n);
        expect(await reader.quiet([stream], 400)).toBe('quiet');
      } finally {
        await second.close();
      }
    });

    it('several subscriptions at once each see every event once', async () => {
      const from = await checkpoint(ctx.store());
      const stream = newStream('fanout');
      const subscriptions = [0, 1, 2].map(() => ctx.store().subscribeToAll({ after: from }));
      try {
        const appending = (async () => {
          for (let i = 0; i < 5; i++) await ctx.store().append(stream, events(2));
        })();
        const received = await Promise.all(subscriptions.map((s) => readerOf(s).take(10, [stream])));
        await appending;
        for (const events_ of received) expect(events_.map((e) => e.streamRevision)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
      } finally {
        await Promise.all(subscriptions.map((s) => s.close()));
      }
    });
  });
};
