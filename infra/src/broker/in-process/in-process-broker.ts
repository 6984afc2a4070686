import { notFoundError, PayGateError, validationError, type Broker, type BrokerMessage, type DeadLetter } from '@paygate/domain';
import { checkHeaders, consumerSettings, isValidSubject } from '../shared/index.ts';
import { createDurableConsumer, type DurableConsumer } from './durable-consumer.ts';
import { createMemoryStream } from './memory-stream.ts';

export type InProcessBrokerOptions = {
  /** msgId deduplication window. Default 2 minutes, like the NATS adapter. */
  duplicateWindowMs?: number;
  /** Messages kept in memory; the oldest are discarded beyond it. Default 100 000. */
  maxMessages?: number;
};

/**
 * The broker for a single process (`paygate start` without NATS_URL): the same semantics as the
 * JetStream adapter — msgId dedup, durable named consumers with explicit ack, ack-wait
 * redelivery, nak with backoff, bounded deliveries, dead letters and replay — held in memory.
 * State lives as long as this object; nothing is shared with other processes.
 */
export const createInProcessBroker = (options: InProcessBrokerOptions = {}): Broker => {
  const stream = createMemoryStream({
    duplicateWindowMs: options.duplicateWindowMs ?? 120_000,
    maxMessages: options.maxMessages ?? 100_000,
  });
  const durables = new Map<string, DurableConsumer>();
  const deadLetters = new Map<string, DeadLetter>();
  let nextDeadLetterId = 1;
  let closed = false;

  const ensureOpen = () => {
    if (closed) throw new PayGateError('unavailable', 'the in-process broker is closed');
  };

  const addDeadLetter = (consumer: string, message: BrokerMessage, error: string) => {
    const id = String(nextDeadLetterId++);
    deadLetters.set(id, { id, consumer, message, error, deadAt: new Date() });
  };

  return {
    async publish(subject, data, { msgId, headers }) {
      ensureOpen();
      if (!isValidSubject(subject, { wildcards: false })) throw validationError('invalid subject', { subject });
      if (msgId.length === 0) throw validationError('msgId must not be empty');
      const result = stream.append(subject, data, { msgId, headers: checkHeaders(headers) });
      if (!result.duplicate) for (const durable of durables.values()) durable.notify();
      return result;
    },

    async consume(consumerOptions, handler) {
      ensureOpen();
      const settings = consumerSettings(consumerOptions);
      let durable = durables.get(settings.name);
      if (durable) durable.configure(settings);
      else durables.set(settings.name, (durable = createDurableConsumer(stream, settings, addDeadLetter)));
      return durable.attach(handler);
    },

    deadLetters: {
      async list(consumer) {
        return [...deadLetters.values()].filter((letter) => consumer === undefined || letter.consumer === consumer);
      },
      async get(deadLetterId) {
        const letter = deadLetters.get(deadLetterId);
        if (!letter) throw notFoundError('no such dead letter', { deadLetterId });
        return letter;
      },
      async discard(deadLetterId) {
        ensureOpen();
        if (!deadLetters.delete(deadLetterId)) throw notFoundError('no such dead letter', { deadLetterId });
      },
      async replay(deadLetterId) {
        ensureOpen();
        const letter = deadLetters.get(deadLetterId);
        const durable = letter && durables.get(letter.consumer);
        if (!letter || !durable) throw notFoundError('no such dead letter', { deadLetterId });
        deadLetters.delete(deadLetterId);
        durable.replay(letter.message);
      },
    },

    async ping() {
      ensureOpen();
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...durables.values()].map((durable) => durable.stopAll()));
      for (const durable of durables.values()) durable.dispose();
    },
  };
};
