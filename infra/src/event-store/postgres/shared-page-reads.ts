import type { GlobalPosition, RecordedEvent } from '@paygate/domain';

type ReadPage = (after: GlobalPosition, maxCount: number) => Promise<RecordedEvent[]>;

/**
 * Live subscriptions in one process (relay, every projection) usually sit at the same position
 * and are woken by the same commit, so they would each run the same `$all` query at once. This
 * shares one in-flight read among identical requests; every caller gets its own copy of the page.
 * Nothing is cached after the read completes, so no caller ever sees a stale page.
 */
export const sharePageReads = (readPage: ReadPage): ReadPage => {
  const inFlight = new Map<string, Promise<RecordedEvent[]>>();
  return async (after, maxCount) => {
    const key = `${after.commit}/${after.prepare}/${maxCount}`;
    let read = inFlight.get(key);
    if (!read) {
      read = readPage(after, maxCount).finally(() => inFlight.delete(key));
      inFlight.set(key, read);
    }
    return (await read).slice();
  };
};
