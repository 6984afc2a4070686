import { SpanStatusCode } from '@opentelemetry/api';
import { paygateTracer, tracingActive } from './tracer.ts';

/**
 * A command as an internal span (`command RecordIpn`) around its load, decide and append(s). While
 * tracing is off at composition time the command is returned untouched.
 */
export const withCommandSpan = <Args extends unknown[], Result>(name: string, command: (...args: Args) => Promise<Result>): ((...args: Args) => Promise<Result>) =>
  !tracingActive()
    ? command
    : (...args) =>
        paygateTracer().startActiveSpan(`command ${name}`, { attributes: { 'paygate.command': name } }, async (span) => {
          try {
            return await command(...args);
          } catch (error) {
            span.recordException(error as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        });
