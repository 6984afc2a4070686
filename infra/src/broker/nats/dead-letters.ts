import { JetStreamApiError, type JetStreamClient, type JetStreamManager, type StoredMsg } from '@nats-io/jetstream';
import { notFoundError, type BrokerMessage, type DeadLetter, type DeadLetters } from '@paygate/domain';
import { isValidConsumerName, type BrokerLogger } from '../shared/index.ts';
import { decodeEnvelope, encodeEnvelope, envelopeMessage, toEnvelope } from './envelope.ts';
import { brokerError } from './errors.ts';
import type { Topology } from './topology.ts';

const NO_MESSAGE_FOUND = 10037;

export type NatsDeadLetters = DeadLetters & {
  /**
   * Stores a dead letter. `origin` (`<stream>:<sequence>` of the failed delivery) makes the
   * write idempotent: a message dead-lettered twice (its term was lost) is stored once.
   */
  bury(consumer: string, message: BrokerMessage, error: string, origin: string): Promise<void>;
};

export const createNatsDeadLetters = (js: JetStreamClient, jsm: JetStreamManager, names: Topology, logger: BrokerLogger): NatsDeadLetters => {
  const toDeadLetter = (stored: StoredMsg): DeadLetter => {
    const envelope = decodeEnvelope(stored.data);
    return {
      id: String(stored.seq),
      consumer: envelope.consumer,
      message: envelopeMessage(envelope, envelope.deliveryCount),
      error: envelope.error,
      deadAt: stored.time,
    };
  };

  const find = async (id: string): Promise<StoredMsg> => {
    const seq = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : undefined;
    const stored = seq === undefined ? null : await jsm.streams.getMessage(names.deadLetterStream, { seq });
    if (!stored) throw notFoundError('no such dead letter', { deadLetterId: id });
    return stored;
  };

  // Deleting an already deleted message (a retry after a lost reply) is done, not an error.
  const remove = (seq: number) =>
    jsm.streams.deleteMessage(names.deadLetterStream, seq, false).catch((error: unknown) => {
      if (!(error instanceof JetStreamApiError && error.code === NO_MESSAGE_FOUND)) throw error;
    });

  return {
    async bury(consumer, message, error, origin) {
      const data = encodeEnvelope(toEnvelope(consumer, message, error));
      try {
        await js.publish(names.deadLetterSubject(consumer), data, { msgID: `dead:${consumer}:${origin}` });
      } catch (cause) {
        throw brokerError('dead-letter write', cause);
      }
    },

    async list(consumer) {
      if (consumer !== undefined && !isValidConsumerName(consumer)) return [];
      const filter = consumer === undefined ? names.deadLetterSubjects : names.deadLetterSubject(consumer);
      const letters: DeadLetter[] = [];
      try {
        // Direct get by "next message on this subject from sequence N" skips replayed (deleted) ones.
        for (let seq = 1; ; ) {
          const stored = await jsm.direct.getMessage(names.deadLetterStream, { seq, next_by_subj: filter });
          if (!stored) return letters;
          seq = stored.seq + 1;
          try {
            letters.push(toDeadLetter(stored));
          } catch (error) {
            logger.warn({ stream: names.deadLetterStream, seq: stored.seq, err: error }, 'unreadable dead letter skipped');
          }
        }
      } catch (error) {
        throw brokerError('dead-letter list', error);
      }
    },

    async replay(deadLetterId) {
      try {
        const stored = await find(deadLetterId);
        const { consumer } = decodeEnvelope(stored.data);
        // Deduplicated by the dead letter's id, so a replay retried after a failed delete is sent once.
        await js.publish(names.replaySubject(consumer), stored.data, { msgID: `replay:${names.deadLetterStream}:${stored.seq}` });
        await remove(stored.seq);
      } catch (error) {
        throw brokerError('dead-letter replay', error);
      }
    },

    async get(deadLetterId) {
      try {
        return toDeadLetter(await find(deadLetterId));
      } catch (error) {
        throw brokerError('dead-letter get', error);
      }
    },

    async discard(deadLetterId) {
      try {
        await remove((await find(deadLetterId)).seq);
      } catch (error) {
        throw brokerError('dead-letter discard', error);
      }
    },
  };
};
