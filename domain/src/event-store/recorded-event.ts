/** Metadata every event carries so an auditor can follow cause and effect across processes. */
export type EventMetadata = {
  /** The id shared by every event caused, directly or not, by one outside request. */
  correlationId?: string;
  /** The id of the event or command that directly caused this one. */
  causationId?: string;
  /** W3C trace context, so a trace follows the event through the relay and process managers. */
  traceparent?: string;
  tracestate?: string;
  /** Version of the event's data schema; upcasters key on (type, schemaVersion). */
  schemaVersion?: number;
  [key: string]: unknown;
};

/**
 * Position in the global (`$all`) order: two numbers, compared lexicographically. In PostgreSQL
 * both are the position the log head hands out under the append lock, in commit order (events
 * written before that migration keep their older pair); in KurrentDB they are its own
 * commit/prepare positions.
 */
export type GlobalPosition = { readonly commit: bigint; readonly prepare: bigint };

export const START: GlobalPosition = Object.freeze({ commit: -1n, prepare: -1n });

export const comparePositions = (a: GlobalPosition, b: GlobalPosition): number =>
  a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1;

/** An event to append. `id` must be a UUID; a deterministic id makes a retried append idempotent. */
export type EventToAppend<Type extends string = string, Data = unknown> = {
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
};

export type RecordedEvent<Type extends string = string, Data = unknown> = {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  /** 0-based revision of this event in its stream. */
  streamRevision: bigint;
  position: GlobalPosition;
  recordedAt: Date;
};
