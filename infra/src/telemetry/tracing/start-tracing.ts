import { createRequire } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { safeUrl } from './safe-url.ts';
import { setTracingActive } from './tracer.ts';

export type TracingEnv = Readonly<Record<string, string | undefined>>;

export type Tracing = {
  /** Flushes the spans still buffered, then unregisters everything startTracing registered. */
  shutdown(): Promise<void>;
};

const set = (value: string | undefined) => value !== undefined && value.trim() !== '';

/**
 * Tracing is on when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_EXPORTER_OTLP_ENDPOINT) and neither OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none
 * says otherwise.
 */
export const tracingConfigured = (env: TracingEnv): boolean =>
  (set(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) || set(env.OTEL_EXPORTER_OTLP_ENDPOINT)) &&
  env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true' &&
  env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() !== 'none';

let running: Promise<Tracing> | undefined;

/**
 * Created once per process: an instrumentation hooks `require` once, and only the instance that
 * saw pg being required can patch it again when tracing restarts (enable() re-patches what its
 * hooks saw; disable() at shutdown unpatches).
 */
const createInstrumentations = async () => {
  const [{ PgInstrumentation }, { UndiciInstrumentation }] = await Promise.all([
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-undici'),
  ]);
  return [
    // Queries outside a traced request or message (migrations, pollers) make no spans.
    new PgInstrumentation({ requireParentSpan: true }),
    new UndiciInstrumentation({
      requireParentforSpans: true,
      startSpanHook: (request) => {
        const url = safeUrl(request.origin, request.path);
        return { 'url.full': url.full, 'url.path': url.path, 'url.query': '' };
      },
    }),
  ];
};
let instrumentations: ReturnType<typeof createInstrumentations> | undefined;
const instrumentationsOnce = () => (instrumentations ??= createInstrumentations());

/**
 * Starts the OpenTelemetry Node SDK (traces only, OTLP exporter configured by the standard
 * OTEL_* variables) when `tracingConfigured(env)`; otherwise starts nothing and returns
 * undefined. The SDK is imported only then, so a process without tracing never loads it.
 *
 * ESM: no loader hook is registered (PayGate's modules are imported before this runs, and
 * import-in-the-middle would have to be in place first, via `node --import`). Instead:
 * - outbound HTTP (every gateway uses the global fetch): undici's diagnostics channels;
 * - pg: the pg instrumentation hooks `require('pg')`, and requiring pg once more here makes it
 *   patch the one shared module, whose prototypes every pool already created uses;
 * - HTTP server, append, relay and consumer spans: PayGate's own (server-spans.ts, traced-*.ts).
 * One SDK per process: a second start (tests) shares the first; after a shutdown it may start again.
 */
export const startTracing = async (env: TracingEnv = process.env): Promise<Tracing | undefined> => {
  if (!tracingConfigured(env)) return undefined;
  running ??= (async () => {
    const [{ NodeSDK }, instruments] = await Promise.all([import('@opentelemetry/sdk-node'), instrumentationsOnce()]);
    const sdk = new NodeSDK({
      ...(set(env.OTEL_SERVICE_NAME) ? {} : { serviceName: 'paygate' }),
      instrumentations: instruments,
      // Traces only: logs go to stdout (pino), metrics to /metrics (prom-client).
      metricReaders: [],
      logRecordProcessors: [],
    });
    sdk.start();
    // The SDK enables only instrumentations whose config says disabled; after a shutdown (which
    // disabled them) these say enabled, so enable them here (a no-op the first time).
    for (const instrumentation of instruments) instrumentation.enable();
    const require = createRequire(import.meta.url);
    require('pg');
    setTracingActive(true);
    return {
      shutdown: async () => {
        setTracingActive(false);
        try {
          await sdk.shutdown();
        } finally {
          for (const instrumentation of instruments) instrumentation.disable();
          trace.disable();
          context.disable();
          propagation.disable();
          running = undefined;
        }
      },
    };
  })();
  return running;
};
