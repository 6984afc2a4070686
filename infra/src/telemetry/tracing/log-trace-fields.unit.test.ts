import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/index.ts';

// The logger's mixin reads the active span through the OpenTelemetry API; the API only needs a
// context manager for that, so no SDK is started here.
const spanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };

describe('log lines and traces', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  afterAll(() => context.disable());

  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
    return { lines, logger };
  };

  it('a line logged inside a span carries its trace_id and span_id, also after an await and in a child logger', async () => {
    const { lines, logger } = capture();
    await context.with(trace.setSpan(context.active(), trace.wrapSpanContext(spanContext)), async () => {
      logger.info('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ role: 'api' }).warn({ paymentId: '1' }, 'inside, later');
    });
    expect(lines.map(({ trace_id, span_id, msg }) => ({ trace_id, span_id, msg }))).toEqual([
      { trace_id: spanContext.traceId, span_id: spanContext.spanId, msg: 'inside' },
      { trace_id: spanContext.traceId, span_id: spanContext.spanId, msg: 'inside, later' },
    ]);
  });

  it('a line logged outside any span (or inside an invalid one) has neither', () => {
    const { lines, logger } = capture();
    logger.info('outside');
    context.with(trace.setSpan(context.active(), trace.wrapSpanContext({ ...spanContext, traceId: '0'.repeat(32) })), () => logger.info('invalid'));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toHaveProperty('trace_id');
      expect(line).not.toHaveProperty('span_id');
    }
  });
});
