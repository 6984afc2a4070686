/**
 * The broker port: delivery of events to process managers. NATS JetStream in production, an
 * in-process adapter for single-process runs; both pass the same contract suite (infra).
 * The event log stays the source of truth; the broker only delivers.
 */
export type BrokerMessage = {
  /** The publisher's message id (`Nats-Msg-Id`); for relayed events, the event id. */
  id: string;
  subject: string;
  data: Uint8Array;
  headers: Readonly<Record<string, string>>;
  /** 1 on the first delivery, 2 on the first redelivery, … */
  deliveryCount: number;
  /** Position of the message in its broker stream. */
  sequence: bigint;
};

export type PublishOptions = {
  /** Deduplication key: publishing the same id twice stores one message. */
  msgId: string;
  headers?: Record<string, string>;
};

export type PublishResult = { sequence: bigint; duplicate: boolean };

export type ConsumerOptions = {
  /** Durable name: a restarted consumer with the same name resumes where it left off. */
  name: string;
  /** Subject filter, NATS wildcards (`*`, `>`) allowed. */
  filterSubject: string;
  /** Redeliver a message not acked within this time. */
  ackWaitMs?: number;
  /** Deliveries before the message goes to the dead-letter list. */
  maxDeliver?: number;
  /** Delay before each redelivery after a failure (last value repeats). */
  backoffMs?: readonly number[];
  /** Messages handled concurrently by this process. */
  maxInFlight?: number;
};

/**
 * Resolving acks the message; throwing naks it with the next backoff delay. When the last
 * allowed delivery fails, the message is moved to the dead-letter list and acked.
 */
export type MessageHandler = (message: BrokerMessage) => Promise<void>;

export type StopOptions = {
  /** Aborting it ends the wait for in-flight handlers. Default: wait at most `ackWaitMs`. */
  signal?: AbortSignal;
};

export type RunningConsumer = {
  /** Stop fetching, let in-flight handlers finish (or nak them when `signal` aborts), then resolve. */
  stop(options?: StopOptions): Promise<void>;
};

export type DeadLetter = {
  /** Id to pass to `replay`. */
  id: string;
  consumer: string;
  message: BrokerMessage;
  /** The last handler error message (never a stack, never a secret). */
  error: string;
  deadAt: Date;
};

export type DeadLetters = {
  list(consumer?: string): Promise<DeadLetter[]>;
  /** One dead letter; a `not_found` PayGateError when there is none with this id. */
  get(deadLetterId: string): Promise<DeadLetter>;
  /** Deliver the dead message to its consumer once more and remove it from the list. */
  replay(deadLetterId: string): Promise<void>;
  /** Remove the dead letter without delivering it; `not_found` when there is none. */
  discard(deadLetterId: string): Promise<void>;
};

export type Broker = {
  publish(subject: string, data: Uint8Array, options: PublishOptions): Promise<PublishResult>;
  consume(options: ConsumerOptions, handler: MessageHandler): Promise<RunningConsumer>;
  deadLetters: DeadLetters;
  ping(): Promise<void>;
  close(): Promise<void>;
};
