import type { RecordedEvent } from '@paygate/domain';

/** A stream as a decision needs it: its events' types and data, and the revision of its last event (-1n: none). */
export type CachedStream = { events: readonly { type: string; data: unknown }[]; revision: bigint };

/**
 * The streams this process decided on lately, so a hot path (the IPN webhook) can decide without
 * reading its stream first. A stale entry is safe because it is only trusted for a decision that
 * is appended with the entry's revision as the expected revision: if anyone appended since, the
 * append conflicts, the entry is forgotten and the decision is made again on a fresh read (see
 * handleCommand). Least recently used streams are dropped beyond `maxStreams`.
 */
export type StreamCache = {
  get(streamId: string): CachedStream | undefined;
  set(streamId: string, stream: CachedStream): void;
  /** Stores what was just read from the store. */
  remember(streamId: string, recorded: readonly RecordedEvent[]): CachedStream;
  forget(streamId: string): void;
  size(): number;
};

export const createStreamCache = ({ maxStreams = 10_000 }: { maxStreams?: number } = {}): StreamCache => {
  const streams = new Map<string, CachedStream>();
  const set = (streamId: string, stream: CachedStream) => {
    streams.delete(streamId); // re-inserted last: Map order is the recency order
    streams.set(streamId, stream);
    if (streams.size > maxStreams) streams.delete(streams.keys().next().value!);
  };
  return {
    get: (streamId) => {
      const stream = streams.get(streamId);
      if (stream) set(streamId, stream);
      return stream;
    },
    set,
    remember: (streamId, recorded) => {
      const stream = { events: recorded.map(({ type, data }) => ({ type, data })), revision: recorded.at(-1)?.streamRevision ?? -1n };
      set(streamId, stream);
      return stream;
    },
    forget: (streamId) => void streams.delete(streamId),
    size: () => streams.size,
  };
};
