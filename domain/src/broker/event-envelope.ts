import type { RecordedEvent } from '../event-store/index.ts';
import type { BrokerMessage } from './broker.ts';

// The broker's wire envelope: how a recorded event travels from the relay to process managers.
// JSON with bigints as decimal strings; trace context in headers, so one trace spans
// append → relay → process manager. Both ends (infra's relay, commands' process managers) use it.

export const EVENT_SUBJECT_PREFIX = 'paygate.events';

/** `paygate.events.<category>.<type>`, category = the stream id up to its first '-'. */
export const subjectForEvent = (event: Pick<RecordedEvent, 'streamId' | 'type'>, prefix = EVENT_SUBJECT_PREFIX): string => {
  const category = event.streamId.split('-', 1)[0] || 'unknown';
  return `${prefix}.${subjectToken(category)}.${subjectToken(event.type)}`;
};

// NATS subject tokens may not contain '.', '*', '>' or whitespace.
const subjectToken = (value: string): string => value.replace(/[.*>\s]/g, '_');

type EncodedEvent = {
  id: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  streamId: string;
  streamRevision: string;
  position: { commit: string; prepare: string };
  recordedAt: string;
};

export const encodeEvent = (event: RecordedEvent): { data: Uint8Array; headers: Record<string, string> } => {
  const encoded: EncodedEvent = {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    streamId: event.streamId,
    streamRevision: event.streamRevision.toString(),
    position: { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() },
    recordedAt: event.recordedAt.toISOString(),
  };
  const headers: Record<string, string> = { 'PayGate-Event-Type': event.type, 'PayGate-Stream': event.streamId };
  if (typeof event.metadata.traceparent === 'string') headers.traceparent = event.metadata.traceparent;
  if (typeof event.metadata.tracestate === 'string') headers.tracestate = event.metadata.tracestate;
  return { data: new TextEncoder().encode(JSON.stringify(encoded)), headers };
};

export const decodeEvent = (message: Pick<BrokerMessage, 'data'>): RecordedEvent => {
  const encoded = JSON.parse(new TextDecoder().decode(message.data)) as EncodedEvent;
  return {
    id: encoded.id,
    type: encoded.type,
    data: encoded.data,
    metadata: encoded.metadata ?? {},
    streamId: encoded.streamId,
    streamRevision: BigInt(encoded.streamRevision),
    position: { commit: BigInt(encoded.position.commit), prepare: BigInt(encoded.position.prepare) },
    recordedAt: new Date(encoded.recordedAt),
  };
};
