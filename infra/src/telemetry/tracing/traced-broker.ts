import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Broker, BrokerMessage } from '@paygate/domain';
import { withOverrides } from '../with-overrides.ts';
import { contextFrom, paygateTracer, traceHeaders } from './tracer.ts';

const MESSAGING = { 'messaging.system': 'nats' };

const failed = (span: ReturnType<ReturnType<typeof paygateTracer>['startSpan']>, error: unknown) => {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR });
};

/**
 * Spans around the broker, W3C context in message headers:
 * - publish: a producer span `send <subject>`, child of the context the headers already carry (a
 *   relayed event's append span) or else of the active one; its own context replaces theirs;
 * - consume: a consumer span `process <consumer>` per delivery, child of the message's context,
 *   active while the handler runs, so a process manager's appends and gateway calls join it.
 */
export const traceBroker = (broker: Broker): Broker =>
  withOverrides(broker, {
    publish: (subject, data, options) => {
      const carried = options.headers ?? {};
      const parent = carried.traceparent === undefined ? context.active() : contextFrom(carried);
      const span = paygateTracer().startSpan(
        `send ${subject}`,
        { kind: SpanKind.PRODUCER, attributes: { ...MESSAGING, 'messaging.operation.type': 'send', 'messaging.destination.name': subject, 'messaging.message.id': options.msgId } },
        parent,
      );
      const headers = { ...carried, ...traceHeaders(trace.setSpan(parent, span)) };
      return broker.publish(subject, data, { ...options, headers }).then(
        (result) => {
          span.setAttribute('paygate.broker.duplicate', result.duplicate);
          span.end();
          return result;
        },
        (error: unknown) => {
          failed(span, error);
          span.end();
          throw error;
        },
      );
    },
    consume: (options, handler) =>
      broker.consume(options, (message: BrokerMessage) => {
        const parent = contextFrom(message.headers);
        const span = paygateTracer().startSpan(
          `process ${options.name}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              ...MESSAGING,
              'messaging.operation.type': 'process',
              'messaging.destination.name': message.subject,
              'messaging.consumer.group.name': options.name,
              'messaging.message.id': message.id,
              'paygate.broker.delivery': message.deliveryCount,
            },
          },
          parent,
        );
        return context.with(trace.setSpan(parent, span), () => handler(message)).then(
          () => span.end(),
          (error: unknown) => {
            failed(span, error);
            span.end();
            throw error;
          },
        );
      }),
  });
