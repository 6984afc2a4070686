import { START, excludeSystemEvents, type AllStreamSubscription, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { AllSubscription, GlobalPosition, RecordedEvent, SubscribeToAllOptions } from '@paygate/domain';
import { isAfter, toPayGateErrorFromKurrent, toRecordedEvent } from './kurrent-mapping.ts';

const MAX_BACKOFF_MS = 5_000;

/**
 * A catch-up subscription to `$all` without system events. If the server drops it (restart,
 * leader change), it resubscribes from the last delivered position, so nothing is missed and
 * nothing repeated; other errors end the iteration.
 */
export const createKurrentSubscription = (client: KurrentDBClient, options: SubscribeToAllOptions): AllSubscription => {
  let last: GlobalPosition | undefined = options.after !== undefined && options.after.commit >= 0n ? options.after : undefined;
  let native: AllStreamSubscription | undefined;
  let closed = false;
  let wakeSleep: (() => void) | undefined;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    options.signal?.removeEventListener('abort', onAbort);
    wakeSleep?.();
    await native?.unsubscribe().catch(() => {});
  };
  const onAbort = (): void => void close();
  if (options.signal?.aborted) closed = true;
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function* events(): AsyncGenerator<RecordedEvent> {
    let backoffMs = 100;
    while (!closed) {
      native = client.subscribeToAll({ fromPosition: last ?? START, filter: excludeSystemEvents() });
      try {
        for await (const resolved of native) {
          if (closed) return;
          const event = toRecordedEvent(resolved);
          if (event === undefined || !isAfter(event, last)) continue;
          last = event.position;
          backoffMs = 100;
          yield event;
        }
        if (closed) return;
      } catch (error) {
        if (closed) return;
        const mapped = toPayGateErrorFromKurrent(error, 'subscription');
        if (mapped.kind !== 'unavailable') throw mapped;
      } finally {
        await native.unsubscribe().catch(() => {});
      }
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
      return: async () => {
        await close();
        return iterator.return(undefined);
      },
    }),
    close,
  };
};
