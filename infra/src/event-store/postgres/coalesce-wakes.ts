/**
 * Wakes every registered listener once for all the `soon()` calls within `delayMs` (0: at once).
 * A wake is a hint to re-read from one's position, so merging several into one loses nothing.
 */
export const coalesceWakes = (delayMs: number) => {
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  const wakeAll = () => {
    timer = undefined;
    for (const listener of listeners) listener();
  };
  return {
    add(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    soon(): void {
      if (delayMs <= 0) return wakeAll();
      timer ??= setTimeout(wakeAll, delayMs);
    },
    close(): void {
      clearTimeout(timer);
      timer = undefined;
      listeners.clear();
    },
  };
};
