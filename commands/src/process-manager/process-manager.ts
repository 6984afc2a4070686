import { decodeEvent, EVENT_SUBJECT_PREFIX, type Broker, type ConsumerOptions, type RecordedEvent, type RunningConsumer } from '@paygate/domain';
import { logFailedDelivery, type ProcessManagerLogger } from './failure-log.ts';

export type { ProcessManagerLogger } from './failure-log.ts';

export type ProcessManager = {
  /** Durable consumer name; also names its dead letters. */
  name: string;
  /** Event types this manager reacts to; others are acked without work. */
  handles: readonly string[];
  /**
   * Turns one event into commands. Must be idempotent: the broker delivers at least once, so the
   * commands it issues use deterministic event ids or expected revisions.
   */
  handle(event: RecordedEvent): Promise<void>;
  /** Deliveries it works on at once when the runner is not told (default 16). */
  maxInFlight?: number;
};

export type ProcessManagerRunOptions = Partial<Pick<ConsumerOptions, 'ackWaitMs' | 'maxDeliver' | 'backoffMs' | 'maxInFlight'>> & {
  logger?: ProcessManagerLogger;
  /** Subject prefix the relay publishes under (default `paygate.events`). */
  subjectPrefix?: string;
};

/**
 * The subjects a manager consumes: only its event type's (`<prefix>.*.<type>`, see
 * subjectForEvent) when it handles one, else every relayed event. A manager that skips most
 * events would otherwise spend a delivery slot, a decode and an ack round trip on each of them.
 * (nats-server 2.9 takes one filter subject, so managers of several types still see everything.)
 */
export const processManagerFilter = (handles: readonly string[], prefix: string = EVENT_SUBJECT_PREFIX): string => {
  const [only] = handles;
  return handles.length === 1 && /^[A-Za-z0-9_-]+$/.test(only!) ? `${prefix}.*.${only}` : `${prefix}.>`;
};

/** Runs a process manager as a durable pull consumer on the relayed events it handles. */
export const runProcessManager = (
  broker: Broker,
  manager: ProcessManager,
  options: ProcessManagerRunOptions = {},
): Promise<RunningConsumer> => {
  const handled = new Set(manager.handles);
  const maxDeliver = options.maxDeliver ?? 8;
  return broker.consume(
    {
      name: manager.name,
      filterSubject: processManagerFilter(manager.handles, options.subjectPrefix),
      ackWaitMs: options.ackWaitMs ?? 30_000,
      maxDeliver,
      backoffMs: options.backoffMs ?? [200, 1_000, 5_000, 15_000, 30_000],
      maxInFlight: options.maxInFlight ?? manager.maxInFlight ?? 16,
    },
    async (message) => {
      const event = decodeEvent(message);
      if (!handled.has(event.type)) return;
      try {
        await manager.handle(event);
      } catch (error) {
        const failed = { manager: manager.name, eventId: event.id, eventType: event.type, delivery: message.deliveryCount, maxDeliver };
        logFailedDelivery(options.logger, failed, error);
        throw error;
      }
    },
  );
};
