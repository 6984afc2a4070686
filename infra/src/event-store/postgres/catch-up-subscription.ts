import { START, isPayGateError, pulledSubscription, type AllSubscription, type GlobalPosition, type RecordedEvent } from '@paygate/domain';

export type CatchUpOptions = {
  /** Reads up to `maxCount` events strictly after `after`, in global order. */
  readPage(after: GlobalPosition, maxCount: number): Promise<RecordedEvent[]>;
  /** Registers a wake-up hint (a commit happened); returns its removal. */
  onWake(listener: () => void): () => void;
  after?: GlobalPosition;
  signal?: AbortSignal;
  pollIntervalMs: number;
  pageSize: number;
  onClose?(): void;
};

const MAX_BACKOFF_MS = 5_000;

/**
 * Catch-up-then-live subscription by paging: read after the last delivered position until a short
 * page, then wait for a wake-up or the poll interval. Wake-ups come after commit, so the events are
 * visible by then; the poll covers appends whose notification was lost or turned off.
 * Because every read starts from the last *delivered* position, nothing is skipped or repeated,
 * whatever happens to the wake-up channel. Database outages are retried with backoff.
 */
export const createCatchUpSubscription = (options: CatchUpOptions): AllSubscription => {
  let last = options.after ?? START;
  let buffer: RecordedEvent[] = [];
  let closed = false;
  let woken = true; // a wake-up arrived since the last read began
  let interrupt: (() => void) | undefined;

  const sleep = (ms: number, untilWoken: boolean): Promise<void> =>
    new Promise((resolve) => {
      if (closed || (untilWoken && woken)) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = untilWoken
        ? done
        : () => {
            if (closed) done();
          };
    });

  const removeWake = options.onWake(() => {
    woken = true;
    interrupt?.();
  });

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    buffer = [];
    removeWake();
    options.signal?.removeEventListener('abort', onAbort);
    interrupt?.();
    options.onClose?.();
  };
  const onAbort = (): void => void close();
  if (options.signal?.aborted) void close();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const pull = async (): Promise<IteratorResult<RecordedEvent>> => {
    let backoffMs = 50;
    for (;;) {
      if (closed) return { done: true, value: undefined };
      const event = buffer.shift();
      if (event !== undefined) {
        last = event.position;
        return { done: false, value: event };
      }
      woken = false;
      let page: RecordedEvent[];
      try {
        page = await options.readPage(last, options.pageSize);
      } catch (error) {
        if (!(isPayGateError(error) && error.kind === 'unavailable')) {
          await close();
          throw error;
        }
        await sleep(backoffMs, false);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        continue;
      }
      backoffMs = 50;
      if (closed) return { done: true, value: undefined };
      if (page.length > 0) {
        buffer = page;
      } else {
        await sleep(options.pollIntervalMs, true);
      }
    }
  };

  return pulledSubscription(pull, close);
};
