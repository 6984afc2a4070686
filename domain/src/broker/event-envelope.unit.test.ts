import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store/index.ts';
import { decodeEvent, encodeEvent, subjectForEvent } from './event-envelope.ts';

const event: RecordedEvent = {
  id: '7d1f0c52-4a4e-4e0c-9f1b-1f2e3d4c5b6a',
  type: 'PaymentReceived',
  data: { paymentId: '5077125051', amount: '12.5' },
  metadata: { correlationId: 'c-1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  streamId: 'payment-5077125051',
  streamRevision: 3n,
  position: { commit: 2n ** 63n + 1n, prepare: 2n ** 63n + 1n },
  recordedAt: new Date('2026-01-01T00:00:00.123Z'),
};

describe('event envelope', () => {
  it('decodes what it encodes, bigints and dates included', () => {
    expect(decodeEvent(encodeEvent(event))).toEqual(event);
  });

  it('carries the type, stream and trace context in headers', () => {
    expect(encodeEvent(event).headers).toEqual({
      'PayGate-Event-Type': 'PaymentReceived',
      'PayGate-Stream': 'payment-5077125051',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  it('subjects by stream category and type, with characters NATS reserves replaced', () => {
    expect(subjectForEvent(event)).toBe('paygate.events.payment.PaymentReceived');
    expect(subjectForEvent({ streamId: 'a.b*c-1', type: 'X>Y Z' }, 'test')).toBe('test.a_b_c.X_Y_Z');
  });
});
