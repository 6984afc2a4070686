import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * PayGate's Prometheus metrics, one registry per process (never prom-client's global one, so
 * tests can run several PayGates in one process). Counters and histograms are updated where
 * things happen; the gauges are set from the database and NATS when /metrics is scraped
 * (scrape.ts).
 */
export const createMetricsRegistry = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    ipnReceived: new Counter({
      name: 'paygate_ipn_received_total',
      help: 'NOWPayments IPNs received, by outcome (accepted, unauthorized, invalid, unavailable, error)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    appendSeconds: new Histogram({
      name: 'paygate_event_append_duration_seconds',
      help: 'Event-store append latency, by outcome (ok, conflict, error)',
      labelNames: ['outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    deliveries: new Counter({
      name: 'paygate_consumer_deliveries_total',
      help: 'Broker deliveries handled by this process, by consumer (process manager) and outcome (ok, failed)',
      labelNames: ['consumer', 'outcome'] as const,
      registers,
    }),
    redeliveries: new Counter({
      name: 'paygate_consumer_redeliveries_total',
      help: 'Deliveries handled by this process that were redeliveries (delivery count > 1), by consumer',
      labelNames: ['consumer'] as const,
      registers,
    }),
    telegram429: new Counter({
      name: 'paygate_telegram_rate_limited_total',
      help: 'Telegram Bot API answers 429 Too Many Requests, by method',
      labelNames: ['method'] as const,
      registers,
    }),
    // Labelled (the relay's name), so a relay lag that could not be read is absent rather than 0.
    relayLagEvents: new Gauge({ name: 'paygate_relay_lag_events', help: 'Events in the log not yet published by the relay', labelNames: ['relay'] as const, registers }),
    relayLagSeconds: new Gauge({
      name: 'paygate_relay_lag_seconds',
      help: 'Age of the oldest event the relay has not published (0 when caught up)',
      labelNames: ['relay'] as const,
      registers,
    }),
    projectionLagEvents: new Gauge({
      name: 'paygate_projection_lag_events',
      help: 'Events in the log after a read model checkpoint, by projection',
      labelNames: ['projection'] as const,
      registers,
    }),
    consumerPending: new Gauge({
      name: 'paygate_consumer_pending_messages',
      help: 'JetStream messages not yet delivered to a consumer (num_pending), by consumer',
      labelNames: ['consumer'] as const,
      registers,
    }),
    consumerAckPending: new Gauge({
      name: 'paygate_consumer_ack_pending_messages',
      help: 'JetStream messages delivered but not yet acknowledged (num_ack_pending), by consumer',
      labelNames: ['consumer'] as const,
      registers,
    }),
    consumerRedelivered: new Gauge({
      name: 'paygate_consumer_redelivered_messages',
      help: 'JetStream messages redelivered and not yet acknowledged (num_redelivered), by consumer',
      labelNames: ['consumer'] as const,
      registers,
    }),
    deadLetters: new Gauge({ name: 'paygate_dead_letters', help: 'Dead letters waiting for an operator, by consumer', labelNames: ['consumer'] as const, registers }),
    payouts: new Gauge({ name: 'paygate_payouts', help: 'Payouts by status (payouts read model)', labelNames: ['status'] as const, registers }),
    sourceUp: new Gauge({
      name: 'paygate_metrics_source_up',
      help: 'Whether the last scrape could read a source (1) or not (0): event_log, relay, projections, payouts, broker',
      labelNames: ['source'] as const,
      registers,
    }),
  };
};

export type MetricsRegistry = ReturnType<typeof createMetricsRegistry>;
