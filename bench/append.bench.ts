import { randomUUID } from 'node:crypto';
import type { EventStore } from '@paygate/domain';
import { summarise, type Summary } from './lib/stats.ts';

/** `writers` concurrent loops, each appending one event per call to a new stream, for `seconds`. */
export const benchAppends = async (eventStore: EventStore, writers: number, seconds: number): Promise<Summary> => {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const writer = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await eventStore.append(
        `bench-${randomUUID()}`,
        [{ id: randomUUID(), type: 'BenchEvent', data: { amount: '1000', currency: 'USD' } }],
        { expectedRevision: 'no_stream' },
      );
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return summarise(latencies, performance.now() - started);
};
