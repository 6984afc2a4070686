import { START, pulledSubscription, type AllSubscription, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { toRecordedEvent, type InMemoryLog } from './in-memory-log.ts';

export type InMemorySubscriptionOptions = { after?: GlobalPosition; signal?: AbortSignal; onClose?: () => void };

/**
 * Catch-up-then-live over the log: each `next()` delivers the first event after the last one it
 * delivered, or waits for the next write. Reading from the last delivered position (not a
 * buffer) means nothing is skipped or repeated, whatever the caller does between pulls.
 */
export const subscribeToLog = (log: InMemoryLog, options: InMemorySubscriptionOptions = {}): AllSubscription => {
  let last = options.after ?? START;
  let closed = false;
  let wake: (() => void) | undefined;
  const stopListening = log.onWrite(() => wake?.());

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    stopListening();
    options.signal?.removeEventListener('abort', onAbort);
    wake?.();
    options.onClose?.();
  };
  const onAbort = (): void => void close();
  if (options.signal?.aborted) void close();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const pull = async (): Promise<IteratorResult<RecordedEvent>> => {
    for (;;) {
      if (closed) return { done: true, value: undefined };
      const stored = log.all[log.indexAfter(last)];
      if (stored) {
        last = stored.position;
        return { done: false, value: toRecordedEvent(stored) };
      }
      await new Promise<void>((resolve) => {
        wake = () => {
          wake = undefined;
          resolve();
        };
      });
    }
  };

  return pulledSubscription(pull, close);
};
