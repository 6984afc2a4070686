import { DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
import type pg from 'pg';
import type { Broker, EventStore } from '@paygate/domain';
import { redactUrl, type Config } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { instrumentPlatform } from './instrument-platform.ts';
import { inProcessBrokerStats, jetStreamStats } from './metrics/broker-sources.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';
import { createPayGateMetrics, type PayGateMetrics } from './metrics/paygate-metrics.ts';
import { startTracing } from './tracing/start-tracing.ts';

type Observed = { config: Config; pool: pg.Pool; eventStore: EventStore; broker: Broker };

export type RunningTelemetry<P extends Observed> = {
  /** The platform with its event store and broker observed (instrumentPlatform). */
  platform: P;
  metrics: PayGateMetrics;
  /** Closes the metrics port and NATS connection, then flushes and stops tracing. */
  stop(): Promise<void>;
};

/**
 * A `paygate start` process's observability: tracing when OTEL_EXPORTER_OTLP_ENDPOINT says so,
 * its Prometheus metrics, and, with METRICS_PORT, the port that serves them.
 */
export const startTelemetry = async <P extends Observed>(platform: P, logger: Logger): Promise<RunningTelemetry<P>> => {
  const { config } = platform;
  const tracing = await startTracing();
  const env = process.env;
  if (tracing) {
    const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || '';
    logger.info({ endpoint: redactUrl(endpoint), serviceName: env.OTEL_SERVICE_NAME?.trim() || 'paygate' }, 'tracing on: spans are exported over OTLP');
  }
  const metrics = createPayGateMetrics({
    pool: platform.pool,
    logInPostgres: config.eventStoreUrl === undefined,
    readModelSchema: DEFAULT_READ_MODEL_SCHEMA,
    broker: config.natsUrl === undefined ? inProcessBrokerStats(platform.broker) : jetStreamStats({ servers: config.natsUrl, streamName: config.natsStream }),
  });
  const stopRest = async () => {
    await metrics.close();
    await tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'flushing the last spans failed'));
  };
  try {
    const server = config.metricsPort === undefined ? undefined : await startMetricsServer(metrics, { port: config.metricsPort, host: config.metricsHost });
    if (server) logger.info({ url: `${server.url}/metrics` }, 'metrics served on their own port');
    return {
      platform: instrumentPlatform(platform, metrics),
      metrics,
      stop: async () => {
        await server?.close();
        await stopRest();
      },
    };
  } catch (error) {
    await stopRest();
    throw error;
  }
};
