/**
 * Spaces outgoing calls so the bot stays under Telegram's global limit (about 30 messages a
 * second) instead of meeting 429s: each call takes the next free slot, `1000 / perSecond` ms apart.
 */
export type Pacer = { wait(signal?: AbortSignal): Promise<void> };

export const createPacer = (perSecond: number, now: () => number = () => performance.now()): Pacer => {
  if (!(perSecond > 0)) throw new RangeError('perSecond must be positive');
  const spacing = 1000 / perSecond;
  let nextFree = 0;
  return {
    wait(signal) {
      const current = now();
      const slot = Math.max(current, nextFree);
      nextFree = slot + spacing;
      const delay = slot - current;
      return delay <= 0 ? Promise.resolve() : sleep(delay, signal);
    },
  };
};

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
