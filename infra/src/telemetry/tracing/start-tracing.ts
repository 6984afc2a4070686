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
  const [{ PgInstrumentation }, { UndiciInstrumentation }, { HttpInstrumentation }] = await Promise.all([
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-http'),
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
    // node:http clients (grammY's node-fetch, the bot's Bot API calls). Incoming requests have
    // PayGate's own server spans (server-spans.ts).
    new HttpInstrumentation({
      disableIncomingRequestInstrumentation: true,
      requireParentforOutgoingSpans: true,
      startOutgoingSpanHook: (request) => {
        const origin = `${request.protocol ?? 'http:'}//${request.hostname ?? request.host ?? 'localhost'}${request.port ? `:${request.port}` : ''}`;
        return { 'url.full': safeUrl(origin, request.path ?? '/').full };
      },
    }),
  ];
};
let instrumentations: ReturnType<typeof createInstrumentations> | undefined;
const instrumentationsOnce = () => (instrumentations ??= createInstrumentations());

/**
 * Starts the OpenTelemetry Node SDK (traces only, OTLP exporter configured by the standard
 * OTEL_* variables, which the SDK reads from process.env) when `tracingConfigured(process.env)`; otherwise starts nothing and returns
 * undefined. The SDK is imported only then, so a process without tracing never loads it.
 *
 * ESM: no loader hook is registered (PayGate's modules are imported before this runs, and
 * import-in-the-middle would have to be in place first, via `node --import`). Instead:
 * - outbound HTTP (every gateway uses the global fetch): undici's diagnostics channels; node:http
 *   clients (grammY) like pg below, by patching the shared builtin module object;
 * - pg: the pg instrumentation hooks `require('pg')`, and requiring pg once more here makes it
 *   patch the one shared module, whose prototypes every pool already created uses;
 * - HTTP server, append, relay and consumer spans: PayGate's own (server-spans.ts, traced-*.ts).
 * One SDK per process: a second start (tests) shares the first; after a shutdown it may start again.
 */
export const startTracing = async (): Promise<Tracing | undefined> => {
  const env = process.env;
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
    // Required once more so the hooks see them (see above); builtins' exports are shared objects too.
    const require = createRequire(import.meta.url);
    require('pg');
    require('node:http');
    require('node:https');
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
