import type { AllSubscription } from './event-store.ts';
import type { RecordedEvent } from './recorded-event.ts';

/**
 * An AllSubscription from an adapter's `pull` (the next event, or done) and `close`: pulls run one
 * at a time even when a caller does not await each next(), and leaving a for-await closes it.
 */
export const pulledSubscription = (pull: () => Promise<IteratorResult<RecordedEvent>>, close: () => Promise<void>): AllSubscription => {
  let queue: Promise<unknown> = Promise.resolve();
  const next = (): Promise<IteratorResult<RecordedEvent>> => {
    const result = queue.then(pull, pull);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    [Symbol.asyncIterator]: () => ({
      next,
      return: async () => {
        await close();
        return { done: true, value: undefined };
      },
    }),
    close,
  };
};
