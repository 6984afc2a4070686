import type { BrokerMessage, MessageHandler, RunningConsumer, StopOptions } from '@paygate/domain';
import { ACK_TIMEOUT_ERROR, backoffDelay, errorText, settledBefore, subjectMatches, type ConsumerSettings } from '../shared/index.ts';
import type { MemoryStream } from './memory-stream.ts';

type Message = Omit<BrokerMessage, 'deliveryCount'>;

/** A message delivered at least once and not yet acked: JetStream's "pending" set. */
type Pending = {
  key: string;
  message: Message;
  deliveryCount: number;
  // inflight: a handler has it and the ack-wait timer runs; waiting: nak'ed, backoff timer runs;
  // ready: due for redelivery to whichever runner has a free slot.
  state: 'inflight' | 'waiting' | 'ready';
  timer?: NodeJS.Timeout;
};

type Delivery = { pending: Pending; deliveryCount: number; done: Promise<void> };

type Runner = { handler: MessageHandler; deliveries: Set<Delivery>; abandoned: Set<Delivery>; stopped?: Promise<void> };

export type DeadLetterSink = (consumer: string, message: BrokerMessage, error: string) => void;

/**
 * One named durable consumer: a cursor into the stream plus the pending set, shared by every
 * running instance (`consume` calls) with that name, like a JetStream durable pull consumer.
 * Acks are accepted from any delivery of a still-pending message; a failure only counts when it
 * comes from the current delivery (an older, timed-out one has been superseded).
 */
export const createDurableConsumer = (stream: MemoryStream, initial: ConsumerSettings, deadLetter: DeadLetterSink) => {
  let settings = initial;
  let cursor = 1n;
  // Keyed `s<seq>` for stream messages, `r<n>` for replayed dead letters; Map order = first delivery.
  const pending = new Map<string, Pending>();
  const runners = new Set<Runner>();
  let replays = 0;

  const clearTimer = (entry: Pending) => {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
  };

  const later = (entry: Pending, ms: number, then: () => void) => {
    clearTimer(entry);
    entry.timer = setTimeout(then, ms);
    entry.timer.unref();
  };

  const isPending = (entry: Pending) => pending.get(entry.key) === entry;

  const remove = (entry: Pending) => {
    clearTimer(entry);
    if (isPending(entry)) pending.delete(entry.key);
  };

  const kill = (entry: Pending, deliveryCount: number, error: string) => {
    remove(entry);
    deadLetter(settings.name, { ...entry.message, deliveryCount }, error);
  };

  const nak = (entry: Pending, delayMs: number) => {
    clearTimer(entry);
    if (delayMs <= 0) {
      entry.state = 'ready';
      return;
    }
    entry.state = 'waiting';
    later(entry, delayMs, () => {
      entry.state = 'ready';
      pump();
    });
  };

  const nextAvailable = (): Pending | undefined => {
    for (const entry of pending.values()) if (entry.state === 'ready') return entry;
    if (cursor < stream.firstSequence()) cursor = stream.firstSequence();
    while (cursor <= stream.lastSequence()) {
      const stored = stream.get(cursor);
      cursor += 1n;
      if (!stored || !subjectMatches(settings.filterSubject, stored.subject)) continue;
      const entry: Pending = {
        key: `s${stored.sequence}`,
        message: { id: stored.id, subject: stored.subject, data: stored.data, headers: stored.headers, sequence: stored.sequence },
        deliveryCount: 0,
        state: 'ready',
      };
      pending.set(entry.key, entry);
      return entry;
    }
    return undefined;
  };

  const settle = (runner: Runner, delivery: Delivery, failure: { error: unknown } | undefined) => {
    runner.deliveries.delete(delivery);
    if (runner.abandoned.delete(delivery)) return;
    const { pending: entry, deliveryCount } = delivery;
    if (!isPending(entry)) return; // already acked or dead
    if (!failure) {
      remove(entry);
    } else if (entry.deliveryCount === deliveryCount && entry.state === 'inflight') {
      if (deliveryCount >= settings.maxDeliver) kill(entry, deliveryCount, errorText(failure.error));
      else nak(entry, backoffDelay(settings.backoffMs, deliveryCount));
    }
    pump();
  };

  const deliver = (runner: Runner, entry: Pending) => {
    const deliveryCount = ++entry.deliveryCount;
    if (deliveryCount > settings.maxDeliver) {
      // The last allowed delivery timed out: nothing left to try, so it is dead.
      kill(entry, deliveryCount - 1, ACK_TIMEOUT_ERROR);
      return;
    }
    entry.state = 'inflight';
    later(entry, settings.ackWaitMs, () => {
      if (entry.deliveryCount !== deliveryCount || entry.state !== 'inflight') return;
      entry.state = 'ready';
      pump();
    });
    // A fresh copy of the bytes per delivery, as over the wire: a handler cannot alter a redelivery.
    const message: BrokerMessage = { ...entry.message, data: entry.message.data.slice(), deliveryCount };
    const delivery: Delivery = { pending: entry, deliveryCount, done: Promise.resolve() };
    // Started on a later tick so a handler never runs inside publish() or another handler's settle.
    delivery.done = Promise.resolve()
      .then(() => runner.handler(message))
      .then(
        () => settle(runner, delivery, undefined),
        (error: unknown) => settle(runner, delivery, { error }),
      );
    runner.deliveries.add(delivery);
  };

  const pump = () => {
    for (const runner of runners) {
      while (!runner.stopped && runner.deliveries.size < settings.maxInFlight) {
        const entry = nextAvailable();
        if (!entry) return;
        deliver(runner, entry);
      }
    }
  };

  const stopRunner = (runner: Runner, options: StopOptions = {}): Promise<void> => {
    runner.stopped ??= drain(runner, options);
    return runner.stopped;
  };

  const drain = async (runner: Runner, options: StopOptions) => {
    const signal = options.signal ?? AbortSignal.timeout(settings.ackWaitMs);
    const all = await settledBefore([...runner.deliveries].map((delivery) => delivery.done), signal);
    if (!all) {
      for (const delivery of runner.deliveries) {
        runner.abandoned.add(delivery);
        const entry = delivery.pending;
        if (entry.deliveryCount === delivery.deliveryCount && entry.state === 'inflight') nak(entry, 0);
      }
    }
    runners.delete(runner);
    pump();
  };

  return {
    name: () => settings.name,
    configure(next: ConsumerSettings) {
      settings = next;
    },
    attach(handler: MessageHandler): RunningConsumer {
      const runner: Runner = { handler, deliveries: new Set(), abandoned: new Set() };
      runners.add(runner);
      pump();
      return { stop: (options) => stopRunner(runner, options) };
    },
    /** Queues a dead message for one more round of deliveries to this consumer. */
    replay(message: BrokerMessage) {
      const { deliveryCount: _, ...rest } = message;
      const key = `r${++replays}`;
      pending.set(key, { key, message: rest, deliveryCount: 0, state: 'ready' });
      pump();
    },
    notify: pump,
    stopAll: (options?: StopOptions) => Promise.all([...runners].map((runner) => stopRunner(runner, options))),
    dispose() {
      for (const entry of pending.values()) clearTimer(entry);
    },
  };
};

export type DurableConsumer = ReturnType<typeof createDurableConsumer>;
