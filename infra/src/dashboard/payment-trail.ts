import { invoiceStreamId, paymentStreamId, splitStreamId, type EventStore, type RecordedEvent } from '@paygate/domain';
import type { TrailEvent, TrailReader } from '@paygate/read-api';

const trailEvent = (event: RecordedEvent): TrailEvent => ({
  streamId: event.streamId,
  revision: event.streamRevision.toString(),
  position: `${event.position.commit}/${event.position.prepare}`,
  type: event.type,
  recordedAt: event.recordedAt.toISOString(),
  data: event.data,
});

const byPosition = (a: RecordedEvent, b: RecordedEvent) =>
  a.position.commit === b.position.commit ? Number(a.position.prepare - b.position.prepare) : a.position.commit < b.position.commit ? -1 : 1;

/**
 * A payment's trail for auditors: its invoice's, its own and its split's streams, merged in log
 * order — straight from the event store, not from a read model, so it is the evidence itself.
 */
export const createPaymentTrailReader = (eventStore: EventStore): TrailReader => async ({ paymentId, invoiceId }) => {
  const streams = await Promise.all([invoiceStreamId(invoiceId), paymentStreamId(paymentId), splitStreamId(paymentId)].map((id) => eventStore.readStream(id)));
  return streams.flat().sort(byPosition).map(trailEvent);
};
