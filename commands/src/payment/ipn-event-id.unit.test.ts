import { describe, expect, it } from 'vitest';
import { ipnEventId } from './ipn-event-id.ts';

const stream = 'payment-5077125051';
const recorded = { type: 'PaymentStatusRecorded', data: { status: 'finished', receivedAt: '2026-01-01T00:00:00.000Z' } };

describe('ipnEventId', () => {
  it('is the same for the same event of the same status, whatever the time or body', () => {
    const later = { ...recorded, data: { ...recorded.data, receivedAt: '2026-01-02T00:00:00.000Z', ipnId: 'other' } };
    expect(ipnEventId(stream, 'finished', recorded)).toBe(ipnEventId(stream, 'finished', later));
  });

  it('differs by stream, status, event type and conflicting status', () => {
    const ids = [
      ipnEventId(stream, 'finished', recorded),
      ipnEventId('payment-1', 'finished', recorded),
      ipnEventId(stream, 'confirming', recorded),
      ipnEventId(stream, 'finished', { type: 'PaymentReceived', data: {} }),
      ipnEventId(stream, 'finished', { type: 'PaymentStatusConflicted', data: { currentStatus: 'expired' } }),
      ipnEventId(stream, 'finished', { type: 'PaymentStatusConflicted', data: { currentStatus: 'failed' } }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
