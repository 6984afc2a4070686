const NOT_READY = Symbol('not ready');

const afterPendingIo = () => new Promise<typeof NOT_READY>((resolve) => setImmediate(() => resolve(NOT_READY)));

/**
 * Pulls batches of the events that are already available from an async iterator, waiting only
 * for the first one. Batching what is buffered makes catch-up fast without delaying live events.
 * A pull still pending when a batch closes is kept for the next batch, so no event is dropped.
 */
export const createBatcher = <T>(iterator: AsyncIterator<T>) => {
  let pending: Promise<IteratorResult<T>> | undefined;
  const pull = () => {
    const next = pending ?? iterator.next();
    pending = undefined;
    return next;
  };
  /** Resolves `[]` when the iterator is done, `null` when nothing arrived within `waitMs`. */
  function next(max: number): Promise<T[]>;
  function next(max: number, waitMs: number): Promise<T[] | null>;
  async function next(max: number, waitMs?: number): Promise<T[] | null> {
    const firstPull = pull();
    if (waitMs !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        firstPull.then(() => false),
        new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), waitMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        pending = firstPull;
        return null;
      }
    }
    const first = await firstPull;
    if (first.done) return [];
    const batch = [first.value];
    while (batch.length < max) {
      const next = pull();
      const result = await Promise.race([next, afterPendingIo()]);
      if (result === NOT_READY) {
        pending = next;
        break;
      }
      if (result.done) break;
      batch.push(result.value);
    }
    return batch;
  }
  return next;
};
