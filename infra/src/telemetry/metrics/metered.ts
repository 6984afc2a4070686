import { isPayGateError, type Broker, type EventStore } from '@paygate/domain';
import { withOverrides } from '../with-overrides.ts';
import type { MetricsRegistry } from './registry.ts';

/** Times every append into `paygate_event_append_duration_seconds`. */
export const meterEventStore = (store: EventStore, { appendSeconds }: Pick<MetricsRegistry, 'appendSeconds'>): EventStore =>
  withOverrides(store, {
    append: async (streamId, events, options) => {
      const end = appendSeconds.startTimer();
      try {
        const result = await store.append(streamId, events, options);
        end({ outcome: 'ok' });
        return result;
      } catch (error) {
        end({ outcome: isPayGateError(error) && error.kind === 'conflict' ? 'conflict' : 'error' });
        throw error;
      }
    },
  });

/** Counts each consumer's deliveries by outcome, and its redeliveries. */
export const meterBroker = (broker: Broker, { deliveries, redeliveries }: Pick<MetricsRegistry, 'deliveries' | 'redeliveries'>): Broker =>
  withOverrides(broker, {
    consume: (options, handler) =>
      broker.consume(options, async (message) => {
        const consumer = options.name;
        if (message.deliveryCount > 1) redeliveries.inc({ consumer });
        try {
          await handler(message);
          deliveries.inc({ consumer, outcome: 'ok' });
        } catch (error) {
          deliveries.inc({ consumer, outcome: 'failed' });
          throw error;
        }
      }),
  });
