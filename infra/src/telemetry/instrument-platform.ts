import type { Broker, EventStore } from '@paygate/domain';
import { meterBroker, meterEventStore } from './metrics/metered.ts';
import type { MetricsRegistry } from './metrics/registry.ts';
import { traceBroker } from './tracing/traced-broker.ts';
import { traceEventStore } from './tracing/traced-event-store.ts';
import { tracingActive } from './tracing/tracer.ts';

/**
 * The platform every role is built from, with its event store and broker observed: timed and
 * counted into `metrics`, and — only while tracing is on — traced. With neither, it is returned
 * as it is.
 */
export const instrumentPlatform = <P extends { eventStore: EventStore; broker: Broker }>(platform: P, metrics?: MetricsRegistry): P => {
  let { eventStore, broker } = platform;
  if (tracingActive()) {
    eventStore = traceEventStore(eventStore);
    broker = traceBroker(broker);
  }
  if (metrics) {
    eventStore = meterEventStore(eventStore, metrics);
    broker = meterBroker(broker, metrics);
  }
  return eventStore === platform.eventStore && broker === platform.broker ? platform : { ...platform, eventStore, broker };
};
