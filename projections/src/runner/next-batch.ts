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
  return async (max: number): Promise<T[]> => {
    const first = await pull();
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
  };
};
