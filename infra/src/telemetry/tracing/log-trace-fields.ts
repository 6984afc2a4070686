import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * pino `mixin`: the active span's ids on every line logged inside it, so a log search and a
 * trace view meet. Outside a span (and always while tracing is off) it adds nothing. A new object
 * each time: pino merges the line's own fields into what the mixin returns.
 */
export const logTraceFields = (): Record<string, string> => {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
};
