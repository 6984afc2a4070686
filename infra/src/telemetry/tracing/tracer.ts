import { context, propagation, ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api';

/** The instrumentation scope of PayGate's own spans. */
export const TRACER_NAME = 'paygate';

export const paygateTracer = (): Tracer => trace.getTracer(TRACER_NAME);

// Set by startTracing: the hot paths skip span work entirely while tracing is off.
let active = false;

export const tracingActive = (): boolean => active;

export const setTracingActive = (value: boolean): void => {
  active = value;
};

/** W3C trace context (`traceparent`, `tracestate`) of `ctx`, as text-map headers. */
export const traceHeaders = (ctx: Context = context.active()): Record<string, string> => {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
};

/** The context a message's or an event's `traceparent`/`tracestate` carry (the root context when none). */
export const contextFrom = (carrier: Readonly<Record<string, unknown>>): Context =>
  propagation.extract(ROOT_CONTEXT, carrier, {
    keys: (c) => Object.keys(c),
    get: (c, key) => {
      const value = c[key] ?? c[key.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    },
  });
