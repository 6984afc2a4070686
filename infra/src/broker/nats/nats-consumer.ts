import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import type { BrokerMessage, MessageHandler, RunningConsumer, StopOptions } from '@paygate/domain';
import { ACK_TIMEOUT_ERROR, backoffDelay, errorText, settledBefore, sleep, type BrokerLogger, type ConsumerSettings } from '../shared/index.ts';
import type { NatsDeadLetters } from './dead-letters.ts';
import { decodeEnvelope, envelopeMessage } from './envelope.ts';
import type { Slots } from './slots.ts';

// A pull request waits this long for messages before the loop issues the next one; stop() does
// not wait for it (the request is closed), so it only bounds idle polling.
const FETCH_EXPIRES_MS = 10_000;
const RETRY_AFTER_ERROR_MS = 1_000;

/** User headers only: `Nats-*` headers (msgId and friends) belong to the server. */
const userHeaders = (headers: MsgHdrs | undefined): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const key of headers?.keys() ?? []) if (!key.toLowerCase().startsWith('nats-')) result[key] = headers!.get(key);
  return result;
};

export const fromStreamMessage = (msg: JsMsg): BrokerMessage => ({
  id: msg.headers?.get('Nats-Msg-Id') ?? '',
  subject: msg.subject,
  data: msg.data,
  headers: userHeaders(msg.headers),
  deliveryCount: msg.info.deliveryCount,
  sequence: BigInt(msg.seq),
});

/** A replayed dead letter: the original message, counting its own deliveries afresh. */
export const fromReplayMessage = (msg: JsMsg): BrokerMessage => envelopeMessage(decodeEnvelope(msg.data), msg.info.deliveryCount);

export type NatsConsumerDeps = {
  nc: NatsConnection;
  deadLetters: NatsDeadLetters;
  logger: BrokerLogger;
};

export type NatsConsumerSource = { consumer: Consumer; stream: string; read(msg: JsMsg): BrokerMessage; slots: Slots };
type Source = NatsConsumerSource;
type Delivery = { msg: JsMsg; done: Promise<void>; abandoned: boolean };

/**
 * Runs the pull loops of one consumer (event stream + its replay subject) and settles every
 * delivery: resolve → ack; throw → nak after the backoff delay; throw on delivery `maxDeliver`,
 * or a delivery past it (the last one timed out) → dead letter, then term.
 */
export const runNatsConsumer = (deps: NatsConsumerDeps, settings: ConsumerSettings, sources: Source[], handler: MessageHandler): RunningConsumer => {
  const { nc, deadLetters, logger } = deps;
  const stopping = new AbortController();
  const deliveries = new Set<Delivery>();
  const fetches = new Set<ConsumerMessages>();

  // ack/nak/term are fire-and-forget publishes; on a closed connection they throw, and the
  // server redelivers after ackWait anyway.
  const safely = (what: string, settle: () => void) => {
    try {
      settle();
    } catch (error) {
      logger.warn({ consumer: settings.name, err: error }, `could not ${what} a message; it will be redelivered`);
    }
  };

  const bury = async (source: Source, msg: JsMsg, message: BrokerMessage, error: string) => {
    try {
      await deadLetters.bury(settings.name, message, error, `${source.stream}:${msg.seq}`);
      safely('term', () => msg.term());
      logger.warn({ consumer: settings.name, subject: message.subject, msgId: message.id, error }, 'message dead-lettered');
    } catch (failure) {
      // Comes back (max_deliver is unlimited on the server) and is dead-lettered then.
      logger.error({ consumer: settings.name, msgId: message.id, err: failure }, 'dead-letter write failed; message nak-ed');
      safely('nak', () => msg.nak(backoffDelay(settings.backoffMs, message.deliveryCount)));
    }
  };

  const handle = async (source: Source, msg: JsMsg, delivery: Delivery) => {
    let message: BrokerMessage;
    try {
      message = source.read(msg);
    } catch (error) {
      logger.error({ consumer: settings.name, stream: source.stream, seq: msg.seq, err: error }, 'unreadable message terminated');
      return safely('term', () => msg.term());
    }
    if (message.deliveryCount > settings.maxDeliver) {
      return bury(source, msg, { ...message, deliveryCount: message.deliveryCount - 1 }, ACK_TIMEOUT_ERROR);
    }
    try {
      await handler(message);
      if (!delivery.abandoned) safely('ack', () => msg.ack());
    } catch (error) {
      if (delivery.abandoned) return;
      if (message.deliveryCount >= settings.maxDeliver) await bury(source, msg, message, errorText(error));
      else safely('nak', () => msg.nak(backoffDelay(settings.backoffMs, message.deliveryCount)));
    }
  };

  const start = (source: Source, msg: JsMsg) => {
    if (stopping.signal.aborted) {
      // Arrived while stopping: hand it straight back.
      safely('nak', () => msg.nak());
      return source.slots.release(1);
    }
    const delivery: Delivery = { msg, done: Promise.resolve(), abandoned: false };
    delivery.done = handle(source, msg, delivery).finally(() => {
      deliveries.delete(delivery);
      source.slots.release(1);
    });
    deliveries.add(delivery);
  };

  const pull = async (source: Source) => {
    while (!stopping.signal.aborted) {
      const free = await source.slots.takeAll();
      if (free === 0) return;
      let received = 0;
      try {
        const batch = await source.consumer.fetch({ max_messages: free, expires: FETCH_EXPIRES_MS });
        fetches.add(batch);
        // stop() may have closed the open fetches just before this one was registered.
        if (stopping.signal.aborted) void batch.close();
        try {
          for await (const msg of batch) {
            received += 1;
            start(source, msg);
          }
        } finally {
          fetches.delete(batch);
        }
      } catch (error) {
        if (stopping.signal.aborted || nc.isClosed()) return;
        logger.warn({ consumer: settings.name, stream: source.stream, err: error }, 'pull failed; retrying');
        await sleep(RETRY_AFTER_ERROR_MS, stopping.signal);
      } finally {
        source.slots.release(free - received);
      }
    }
  };

  const loops = sources.map((source) => pull(source));

  const drain = async (options: StopOptions) => {
    stopping.abort();
    for (const source of sources) source.slots.close();
    // Closing ends each loop's iteration (already-buffered messages are nak-ed by start()).
    for (const batch of fetches) void batch.close();
    await Promise.allSettled(loops);
    const signal = options.signal ?? AbortSignal.timeout(settings.ackWaitMs);
    if (!(await settledBefore([...deliveries].map((delivery) => delivery.done), signal))) {
      for (const delivery of deliveries) {
        delivery.abandoned = true;
        safely('nak', () => delivery.msg.nak());
      }
    }
    // Acks and naks are buffered publishes: make sure the server has them before we return.
    if (!nc.isClosed()) await nc.flush().catch(() => {});
  };

  let stopped: Promise<void> | undefined;
  return { stop: (options = {}) => (stopped ??= drain(options)) };
};

