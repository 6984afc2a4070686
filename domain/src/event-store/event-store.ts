import type { EventToAppend, GlobalPosition, RecordedEvent } from './recorded-event.ts';

/**
 * What the caller expects the stream to look like before the append.
 * - `any`: no check
 * - `no_stream`: the stream must not exist
 * - `stream_exists`: the stream must have at least one event
 * - a bigint: the revision of the stream's last event must be exactly this
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendResult = {
  /** Revision of the last event now in the stream; pass it as the next expected revision. */
  nextExpectedRevision: bigint;
  position: GlobalPosition;
};

export type ReadStreamOptions = { fromRevision?: bigint; maxCount?: number };

/** Reads events strictly after `after` (exclusive), in global order. */
export type ReadAllOptions = { after?: GlobalPosition; maxCount?: number };

export type SubscribeToAllOptions = {
  /** Deliver events strictly after this position; omit to start at the beginning. */
  after?: GlobalPosition;
  /** Stop the subscription with this signal. */
  signal?: AbortSignal;
};

/** A catch-up-then-live subscription. Iterate it; `close()` ends the iteration. */
export type AllSubscription = AsyncIterable<RecordedEvent> & { close(): Promise<void> };

/**
 * The event store port. Adapters: PostgreSQL and KurrentDB/EventStoreDB (in infra). Every
 * adapter passes the same contract suite.
 *
 * `append` throws a `PayGateError` of kind `conflict` with `details.actualRevision`
 * (bigint, or -1n for no stream) when the expectation does not hold — unless the very same
 * event ids are already in the stream at those revisions, which is an idempotent success.
 */
export type EventStore = {
  append(streamId: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Cheap reachability check for `/readyz`. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/** Revision reported by a conflict when the stream does not exist. */
export const NO_STREAM_REVISION = -1n;
