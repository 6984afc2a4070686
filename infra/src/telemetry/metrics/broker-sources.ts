import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Broker } from '@paygate/domain';

export type ConsumerStats = { consumer: string; pending: number; ackPending: number; redelivered: number };

export type BrokerStats = {
  /** JetStream's view of each durable consumer (empty for the in-process broker). */
  consumers: ConsumerStats[];
  /** Dead letters per consumer. */
  deadLetters: Map<string, number>;
};

export type BrokerStatsSource = { read(): Promise<BrokerStats>; close(): Promise<void> };

/** The in-process broker: its dead-letter list (in memory, cheap). */
export const inProcessBrokerStats = (broker: Broker): BrokerStatsSource => ({
  read: async () => {
    const deadLetters = new Map<string, number>();
    for (const letter of await broker.deadLetters.list()) deadLetters.set(letter.consumer, (deadLetters.get(letter.consumer) ?? 0) + 1);
    return { consumers: [], deadLetters };
  },
  close: async () => {},
});

export type JetStreamStatsOptions = { servers: string; streamName: string };

/**
 * JetStream's consumer info (num_pending, num_ack_pending, num_redelivered) of the event
 * stream's durable consumers, and the dead-letter stream's message count per consumer subject
 * (see broker/nats/topology.ts). Its own connection, opened at the first scrape.
 */
export const jetStreamStats = ({ servers, streamName }: JetStreamStatsOptions): BrokerStatsSource => {
  let opened: Promise<{ nc: NatsConnection; jsm: JetStreamManager }> | undefined;
  const open = () =>
    (opened ??= (async () => {
      const nc = await connect({ servers: servers.split(',').map((server) => server.trim()), name: 'paygate-metrics', maxReconnectAttempts: -1 });
      try {
        return { nc, jsm: await jetstreamManager(nc) };
      } catch (error) {
        await nc.close().catch(() => {});
        throw error;
      }
    })().catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
  const deadPrefix = `paygate.dead.${streamName}.`;
  return {
    read: async () => {
      const { jsm } = await open();
      const consumers: ConsumerStats[] = [];
      for await (const info of jsm.consumers.list(streamName)) {
        consumers.push({ consumer: info.name, pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered });
      }
      const dead = await jsm.streams.info(`${streamName}_DEAD`, { subjects_filter: `${deadPrefix}>` });
      const deadLetters = new Map<string, number>();
      for (const [subject, count] of Object.entries(dead.state.subjects ?? {})) deadLetters.set(subject.slice(deadPrefix.length), count);
      return { consumers, deadLetters };
    },
    close: async () => {
      const current = opened;
      opened = undefined;
      if (current) await (await current.catch(() => undefined))?.nc.close().catch(() => {});
    },
  };
};
