import pg from 'pg';

/** Wakes subscribers when an append commits. A hint only: readers always re-read from their position. */
export type ChangeNotifier = {
  /** Registers a wake-up callback; returns its removal. Connects on the first listener. */
  subscribe(listener: () => void): () => void;
  close(): Promise<void>;
};

export const LISTENER_APPLICATION_NAME = 'paygate_event_listener';

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * One dedicated connection LISTENing on `channel`, shared by all subscriptions of a store. When
 * the connection drops it reconnects with backoff and then wakes every listener, because
 * notifications sent while it was away are lost; the readers' positions make that safe.
 */
export const createChangeNotifier = (pool: pg.Pool, channel: string): ChangeNotifier => {
  const listeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoffMs = 50;
  let closed = false;

  const wakeAll = (): void => {
    for (const listener of listeners) listener();
  };

  const scheduleReconnect = (): void => {
    if (closed || listeners.size === 0 || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, backoffMs);
    backoffMs = Math.min(backoffMs * 2, 5_000);
  };

  const connect = (): Promise<void> => {
    if (closed || client !== undefined || connecting !== undefined) return connecting ?? Promise.resolve();
    const candidate = new pg.Client({ ...pool.options, application_name: LISTENER_APPLICATION_NAME, keepAlive: true });
    let gone = false;
    const lost = (): void => {
      if (gone) return;
      gone = true;
      if (client === candidate) client = undefined;
      candidate.removeAllListeners('notification');
      void candidate.end().catch(() => {});
      scheduleReconnect();
    };
    candidate.on('error', lost);
    candidate.on('end', lost);
    candidate.on('notification', wakeAll);
    connecting = (async () => {
      try {
        await candidate.connect();
        await candidate.query(`LISTEN ${quoteIdent(channel)}`);
        if (closed) {
          await candidate.end();
          return;
        }
        client = candidate;
        backoffMs = 50;
        wakeAll(); // anything committed while we were not listening
      } catch {
        lost();
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  };

  const disconnect = async (): Promise<void> => {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    await connecting;
    if (!closed && listeners.size > 0) return; // someone subscribed again meanwhile
    const current = client;
    client = undefined;
    if (current !== undefined) {
      current.removeAllListeners('end');
      current.removeAllListeners('notification');
      current.on('error', () => {});
      await current.end().catch(() => {});
    }
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      void connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) void disconnect();
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      await disconnect();
    },
  };
};
