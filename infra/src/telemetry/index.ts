// Observability: OpenTelemetry traces (off unless an OTLP endpoint is configured) and
// Prometheus metrics. See docs/observability.md.
export { startTracing, tracingConfigured, type Tracing, type TracingEnv } from './tracing/start-tracing.ts';
export { logTraceFields } from './tracing/log-trace-fields.ts';
export { serverSpans } from './tracing/server-spans.ts';
export { tracingActive } from './tracing/tracer.ts';
export { instrumentPlatform } from './instrument-platform.ts';
export { createPayGateMetrics, type PayGateMetrics, type PayGateMetricsOptions } from './metrics/paygate-metrics.ts';
export { inProcessBrokerStats, jetStreamStats, type BrokerStatsSource } from './metrics/broker-sources.ts';
export { countIpns, ipnOutcome } from './metrics/ipn-outcomes.ts';
export { metricsHandler } from './metrics/metrics-route.ts';
export { startMetricsServer } from './metrics/metrics-server.ts';
export { apiMetrics } from './metrics/api-metrics.ts';
export type { MetricsRegistry } from './metrics/registry.ts';
export { startTelemetry, type RunningTelemetry } from './start-telemetry.ts';
export { withCommandSpan } from './tracing/command-span.ts';
