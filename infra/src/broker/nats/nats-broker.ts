import { jetstream, jetstreamManager, RetentionPolicy } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { PayGateError, validationError, type Broker, type RunningConsumer } from '@paygate/domain';
import { checkHeaders, consumerSettings, isValidSubject, silentLogger, type BrokerLogger } from '../shared/index.ts';
import { createNatsDeadLetters } from './dead-letters.ts';
import { brokerError } from './errors.ts';
import { fromReplayMessage, fromStreamMessage, runNatsConsumer } from './nats-consumer.ts';
import { createSlots } from './slots.ts';
import { ensureDurable, ensureStream, streamSpec } from './streams.ts';
import { topology } from './topology.ts';

export type NatsBrokerOptions = {
  /** Server URL(s), comma-separated, e.g. `nats://127.0.0.1:4222`. */
  servers: string;
  streamName: string;
  /** Subjects the event stream stores, e.g. `['paygate.events.>']`. Must not overlap `paygate.dead.>` / `paygate.replay.>`. */
  subjects: string[];
  /** msgId deduplication window. Default 2 minutes. */
  duplicateWindowMs?: number;
  /** Default `<streamName>_DEAD`. */
  deadLetterStreamName?: string;
  /** Default `<streamName>_REPLAY`. */
  replayStreamName?: string;
  logger?: BrokerLogger;
  /** Connection name shown in NATS monitoring. */
  connectionName?: string;
};

const connectTo = async (servers: string, name: string): Promise<NatsConnection> => {
  try {
    // A long-running service keeps reconnecting; calls made meanwhile fail as 'unavailable'.
    return await connect({ servers: servers.split(',').map((server) => server.trim()), name, maxReconnectAttempts: -1 });
  } catch (error) {
    throw brokerError('connect', error);
  }
};

const toNatsHeaders = (headers: Record<string, string>): MsgHdrs | undefined => {
  const entries = Object.entries(headers);
  if (entries.length === 0) return undefined;
  const result = natsHeaders();
  for (const [key, value] of entries) result.set(key, value);
  return result;
};

/**
 * The JetStream adapter. Ensures its three streams (see topology.ts), then publishes with
 * `Nats-Msg-Id` dedup and runs durable pull consumers with explicit ack (nats-consumer.ts).
 * Tested against nats-server 2.9.10: single `filter_subject` per consumer, no multi-filter.
 */
export const createNatsBroker = async (options: NatsBrokerOptions): Promise<Broker> => {
  const { logger = silentLogger, duplicateWindowMs = 120_000 } = options;
  const names = topology(options.streamName, options.deadLetterStreamName, options.replayStreamName);
  const nc = await connectTo(options.servers, options.connectionName ?? 'paygate');
  const js = jetstream(nc);
  let jsm: Awaited<ReturnType<typeof jetstreamManager>>;
  try {
    jsm = await jetstreamManager(nc);
    await ensureStream(jsm, streamSpec(names.stream, options.subjects, duplicateWindowMs, RetentionPolicy.Limits));
    await ensureStream(jsm, streamSpec(names.deadLetterStream, [names.deadLetterSubjects], duplicateWindowMs, RetentionPolicy.Limits, true));
    // Work-queue: a replayed message is removed once its consumer acks it.
    await ensureStream(jsm, streamSpec(names.replayStream, [names.replaySubjects], duplicateWindowMs, RetentionPolicy.Workqueue));
  } catch (error) {
    await nc.close().catch(() => {});
    throw brokerError('stream setup', error);
  }
  const deadLetters = createNatsDeadLetters(js, jsm, names, logger);
  const running = new Set<RunningConsumer>();
  let closed = false;

  const ensureOpen = () => {
    if (closed) throw new PayGateError('unavailable', 'the NATS broker is closed');
  };

  return {
    async publish(subject, data, { msgId, headers }) {
      ensureOpen();
      if (!isValidSubject(subject, { wildcards: false })) throw validationError('invalid subject', { subject });
      if (msgId.length === 0) throw validationError('msgId must not be empty');
      const natsHeaders = toNatsHeaders(checkHeaders(headers));
      try {
        const ack = await js.publish(subject, data, { msgID: msgId, headers: natsHeaders });
        return { sequence: BigInt(ack.seq), duplicate: ack.duplicate };
      } catch (error) {
        throw brokerError('publish', error);
      }
    },

    async consume(consumerOptions, handler) {
      ensureOpen();
      const settings = consumerSettings(consumerOptions);
      const replaySubject = names.replaySubject(settings.name);
      let sources;
      try {
        await ensureDurable(jsm, names.stream, settings.filterSubject, settings);
        await ensureDurable(jsm, names.replayStream, replaySubject, settings);
        const [events, replays] = await Promise.all([js.consumers.get(names.stream, settings.name), js.consumers.get(names.replayStream, settings.name)]);
        sources = [
          { consumer: events, stream: names.stream, read: fromStreamMessage, slots: createSlots(settings.maxInFlight) },
          // Replays are rare operator actions: one at a time, on top of maxInFlight.
          { consumer: replays, stream: names.replayStream, read: fromReplayMessage, slots: createSlots(1) },
        ];
      } catch (error) {
        throw brokerError('consumer setup', error);
      }
      const consumer = runNatsConsumer({ nc, deadLetters, logger }, settings, sources, handler);
      const handle: RunningConsumer = {
        stop: async (stopOptions) => {
          await consumer.stop(stopOptions);
          running.delete(handle);
        },
      };
      running.add(handle);
      return handle;
    },

    deadLetters: {
      list: (consumer) => deadLetters.list(consumer),
      get: (id) => deadLetters.get(id),
      replay: (id) => deadLetters.replay(id),
      discard: (id) => deadLetters.discard(id),
    },

    async ping() {
      ensureOpen();
      try {
        await nc.flush();
        await jsm.getAccountInfo();
      } catch (error) {
        throw brokerError('ping', error);
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...running].map((consumer) => consumer.stop()));
      // Drain flushes pending acks and publishes before closing.
      await nc.drain().catch((error: unknown) => logger.warn({ err: error }, 'NATS drain failed'));
    },
  };
};
