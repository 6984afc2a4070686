import type pg from 'pg';
import type { BrokerStatsSource } from './broker-sources.ts';
import { readLogHead, readPayoutsByStatus, readProjectionLag, readRelayLag } from './log-sources.ts';
import { createMetricsRegistry, type MetricsRegistry } from './registry.ts';

export type PayGateMetricsOptions = {
  pool: pg.Pool;
  /** False with KurrentDB: the log head is not in PostgreSQL, so relay and projection lag are not reported. */
  logInPostgres: boolean;
  readModelSchema: string;
  broker: BrokerStatsSource;
  /** Each source read at a scrape gives up after this (default 2 s); the others are still reported. */
  timeoutMs?: number;
};

export type PayGateMetrics = MetricsRegistry & {
  /** Reads the gauges' sources, then renders every metric in the Prometheus text format. */
  scrape(): Promise<string>;
  contentType: string;
  close(): Promise<void>;
};

const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

export const createPayGateMetrics = ({ pool, logInPostgres, readModelSchema, broker, timeoutMs = 2_000 }: PayGateMetricsOptions): PayGateMetrics => {
  const metrics = createMetricsRegistry();
  const { sourceUp } = metrics;

  /** Runs one source; on failure (or timeout) its gauges are cleared and its `up` is 0. */
  const source = async (name: string, cleared: { reset(): void }[], read: () => Promise<void>) => {
    try {
      await withTimeout(read(), timeoutMs, `metrics source ${name}`);
      sourceUp.set({ source: name }, 1);
    } catch {
      for (const gauge of cleared) gauge.reset();
      sourceUp.set({ source: name }, 0);
    }
  };

  const readLog = async () => {
    if (!logInPostgres) return;
    let head: bigint | undefined;
    let headRead = false;
    await source('event_log', [metrics.relayLagEvents, metrics.relayLagSeconds, metrics.projectionLagEvents], async () => {
      head = await readLogHead(pool);
      headRead = true;
    });
    // Without the head no lag can be told: those sources are down too.
    const lagSource = (name: string, cleared: { reset(): void }[], read: () => Promise<void>) =>
      source(name, cleared, () => (headRead ? read() : Promise.reject(new Error('no log head'))));
    await Promise.all([
      lagSource('relay', [metrics.relayLagEvents, metrics.relayLagSeconds], async () => {
        const lag = await readRelayLag(pool, head);
        metrics.relayLagEvents.set({ relay: 'default' }, Number(lag.events));
        metrics.relayLagSeconds.set({ relay: 'default' }, lag.seconds);
      }),
      lagSource('projections', [metrics.projectionLagEvents], async () => {
        const lag = await readProjectionLag(pool, readModelSchema, head);
        metrics.projectionLagEvents.reset();
        for (const [projection, events] of lag) metrics.projectionLagEvents.set({ projection }, Number(events));
      }),
    ]);
  };

  const readOthers = () =>
    Promise.all([
      source('payouts', [metrics.payouts], async () => {
        const counts = await readPayoutsByStatus(pool, readModelSchema);
        for (const [status, count] of counts) metrics.payouts.set({ status }, count);
      }),
      source('broker', [metrics.consumerPending, metrics.consumerAckPending, metrics.consumerRedelivered, metrics.deadLetters], async () => {
        const stats = await broker.read();
        for (const gauge of [metrics.consumerPending, metrics.consumerAckPending, metrics.consumerRedelivered, metrics.deadLetters]) gauge.reset();
        for (const { consumer, pending, ackPending, redelivered } of stats.consumers) {
          metrics.consumerPending.set({ consumer }, pending);
          metrics.consumerAckPending.set({ consumer }, ackPending);
          metrics.consumerRedelivered.set({ consumer }, redelivered);
          if (!stats.deadLetters.has(consumer)) metrics.deadLetters.set({ consumer }, 0);
        }
        for (const [consumer, count] of stats.deadLetters) metrics.deadLetters.set({ consumer }, count);
      }),
    ]);

  return {
    ...metrics,
    contentType: metrics.registry.contentType,
    scrape: async () => {
      await Promise.all([readLog(), readOthers()]);
      return metrics.registry.metrics();
    },
    close: () => broker.close(),
  };
};
