import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { EventStore, EventToAppend } from '@paygate/domain';
import { paygateTracer, traceHeaders } from './tracer.ts';
import { withOverrides } from '../with-overrides.ts';

/**
 * Appends inside a span (`append <category>`), and each appended event carries that span's W3C
 * context in its metadata (`traceparent`, `tracestate`): the relay continues the trace from it,
 * so the events a request or a message causes join its trace. Everything else passes through.
 */
export const traceEventStore = (store: EventStore): EventStore =>
  withOverrides(store, {
  append: (streamId, events, options) => {
    const category = streamId.split('-', 1)[0] || 'unknown';
    return paygateTracer().startActiveSpan(
      `append ${category}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'paygate.stream.id': streamId,
          'paygate.event.count': events.length,
          'paygate.event.types': [...new Set(events.map((event) => event.type))],
        },
      },
      async (span) => {
        try {
          const headers = traceHeaders(trace.setSpan(context.active(), span));
          const traced: EventToAppend[] =
            headers.traceparent === undefined ? [...events] : events.map((event) => ({ ...event, metadata: { ...event.metadata, ...headers } }));
          const result = await store.append(streamId, traced, options);
          span.setAttribute('paygate.position', result.position.commit.toString());
          return result;
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  },
  });
