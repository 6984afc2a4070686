import type { GlobalPosition } from '@paygate/domain';

/**
 * Stores a position at most once per `everyMs`: the first position after a quiet spell at once,
 * later ones when the interval is over, and the last one `everyMs` after it arrived at the
 * latest (a trailing write), so a stored position is never older than `everyMs` plus one write.
 */
export const createThrottledCheckpoint = (
  write: (position: GlobalPosition) => Promise<void>,
  everyMs: number,
  onTrailingError: (error: unknown) => void,
) => {
  let pending: GlobalPosition | undefined;
  let lastWrite = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const writePending = () => {
    clearTimeout(timer);
    timer = undefined;
    const position = pending;
    if (!position) return writing;
    pending = undefined;
    lastWrite = performance.now();
    // A failed write fails its caller, not the writes after it.
    writing = writing.catch(() => undefined).then(() => write(position));
    return writing;
  };

  return {
    /** The position is published; resolves once stored when due now, else at once (stored by the trailing write). */
    reached: async (position: GlobalPosition): Promise<void> => {
      pending = position;
      if (performance.now() - lastWrite >= everyMs) return writePending();
      timer ??= setTimeout(() => void writePending().catch(onTrailingError), everyMs);
      timer.unref();
    },
    /** Stores what is pending now (before stopping, or before reading the stored position back). */
    flush: (): Promise<void> => writePending(),
  };
};
