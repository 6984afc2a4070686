/**
 * Resolves true once every promise in `work` has settled, or false as soon as `signal` aborts.
 * Used by stop(): in-flight handlers get until the signal to finish, the rest are nak'ed.
 */
export const settledBefore = (work: Iterable<Promise<unknown>>, signal: AbortSignal): Promise<boolean> => {
  const all = Promise.allSettled(work).then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void all.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
};

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
