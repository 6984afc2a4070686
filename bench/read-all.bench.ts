import { randomUUID } from 'node:crypto';
import type { EventStore } from '@paygate/domain';

/** Appends `total` events in multi-event appends (1,000 per stream) so `$all` has something to read. */
export const seedEvents = async (eventStore: EventStore, total: number, perAppend = 1_000): Promise<number> => {
  const started = performance.now();
  const appends = Math.ceil(total / perAppend);
  const concurrency = 4;
  let next = 0;
  const worker = async () => {
    while (next < appends) {
      const index = next++;
      await eventStore.append(
        `seed-${index}`,
        Array.from({ length: perAppend }, (_, i) => ({
          id: randomUUID(),
          type: i % 2 === 0 ? 'SeedCredited' : 'SeedDebited',
          // 10,000 accounts: a rebuild page touches thousands of distinct rows, as real read models do.
          data: { account: `a${(index * perAppend + i) % 10_000}`, amount: String(100 + (i % 7)) },
        })),
        { expectedRevision: 'no_stream' },
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (total * 1000) / (performance.now() - started);
};

/** Reads all of `$all` page by page; returns events/s and the count read. */
export const benchReadAll = async (eventStore: EventStore, pageSize = 5_000) => {
  const started = performance.now();
  let count = 0;
  let after;
  for (;;) {
    const page = await eventStore.readAll({ ...(after ? { after } : {}), maxCount: pageSize });
    if (page.length === 0) break;
    count += page.length;
    after = page.at(-1)!.position;
  }
  return { count, perSecond: (count * 1000) / (performance.now() - started) };
};
