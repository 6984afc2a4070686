import { comparePositions, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import type { CheckedEvent } from './append-checks.ts';

export type StoredEvent = CheckedEvent & {
  streamId: string;
  streamRevision: bigint;
  position: GlobalPosition;
  recordedAt: Date;
};

/**
 * What the in-memory store keeps: the `$all` order, each stream, and every event id. Stores
 * made on one log see the same data, so a test can "restart" a process by closing one store
 * and opening another. Nothing is ever removed or changed: the log is append-only.
 */
export type InMemoryLog = {
  readonly all: readonly StoredEvent[];
  readonly streams: ReadonlyMap<string, readonly StoredEvent[]>;
  readonly ids: ReadonlyMap<string, StoredEvent>;
  /** Adds one append's events: one commit position for the batch, a prepare position per event. */
  write(streamId: string, events: readonly CheckedEvent[], recordedAt: Date): StoredEvent[];
  /** Index in `all` of the first event strictly after `position`. */
  indexAfter(position: GlobalPosition): number;
  /** Calls `listener` after every write until the returned function is called. */
  onWrite(listener: () => void): () => void;
};

export const createInMemoryLog = (): InMemoryLog => {
  const all: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const ids = new Map<string, StoredEvent>();
  const listeners = new Set<() => void>();
  // Like PostgreSQL's (transaction id, row sequence): a batch shares its commit position, so code
  // that assumed one commit position per event would fail here too.
  let commit = 0n;
  let prepare = 0n;

  return {
    all,
    streams,
    ids,
    write(streamId, events, recordedAt) {
      const stream = streams.get(streamId) ?? [];
      commit += 1n;
      const written = events.map((event) => {
        prepare += 1n;
        const stored: StoredEvent = { ...event, streamId, streamRevision: BigInt(stream.length), position: { commit, prepare }, recordedAt };
        stream.push(stored);
        all.push(stored);
        ids.set(stored.id, stored);
        return stored;
      });
      streams.set(streamId, stream);
      for (const listener of [...listeners]) listener();
      return written;
    },
    indexAfter(position) {
      let low = 0;
      let high = all.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (comparePositions(all[middle]!.position, position) <= 0) low = middle + 1;
        else high = middle;
      }
      return low;
    },
    onWrite(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

/** A fresh copy for a reader: mutating what a read returned never changes the log. */
export const toRecordedEvent = (stored: StoredEvent): RecordedEvent => ({
  id: stored.id,
  type: stored.type,
  data: JSON.parse(stored.dataJson) as unknown,
  metadata: JSON.parse(stored.metadataJson) as RecordedEvent['metadata'],
  streamId: stored.streamId,
  streamRevision: stored.streamRevision,
  position: { ...stored.position },
  recordedAt: new Date(stored.recordedAt),
});
