import { describe, expect, it } from 'vitest';
import { PayGateError, type EventStore, type EventToAppend, type IpnNotice, type RecordedEvent } from '@paygate/domain';
import { recordIpn } from './record-ipn.ts';
import { reviewHeldPayment } from './review-held-payment.ts';

/** Streams in a Map: expected revisions checked, everything else the handlers do not use refused. */
const streamStore = (): EventStore & { streams: Map<string, RecordedEvent[]> } => {
  const streams = new Map<string, RecordedEvent[]>();
  let position = 0n;
  const unused = () => {
    throw new Error('not used by these handlers');
  };
  return {
    streams,
    async append(streamId, events: readonly EventToAppend[], options = {}) {
      const stream = streams.get(streamId) ?? [];
      const current = BigInt(stream.length) - 1n;
      const expected = options.expectedRevision ?? 'any';
      if ((expected === 'no_stream' && stream.length > 0) || (typeof expected === 'bigint' && expected !== current)) {
        throw new PayGateError('conflict', 'wrong expected revision');
      }
      for (const event of events) {
        position += 1n;
        stream.push({ ...event, metadata: event.metadata ?? {}, streamId, streamRevision: BigInt(stream.length), position: { commit: position, prepare: position }, recordedAt: new Date() });
      }
      streams.set(streamId, stream);
      return { nextExpectedRevision: BigInt(stream.length) - 1n, position: { commit: position, prepare: position } };
    },
    readStream: async (streamId) => [...(streams.get(streamId) ?? [])],
    readAll: unused,
    subscribeToAll: unused,
    ping: async () => {},
    close: async () => {},
  };
};

const clock = () => new Date('2026-01-02T00:00:00.000Z');
const finishedIpn: IpnNotice = {
  paymentId: '5077125051',
  orderId: 'inv1',
  status: 'finished',
  priceAmount: '12.5',
  priceCurrency: 'usd',
  payAmount: '12.5',
  actuallyPaid: '1.25', // 90 % short: outside the 1 % band
  payCurrency: 'usdttrc20',
  outcomeAmount: '1.24',
  outcomeCurrency: 'usdttrc20',
};

const heldPayment = async () => {
  const eventStore = streamStore();
  const invoice = { invoiceId: 'inv1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', price: { amount: '1250', currency: 'USD', decimals: 2 }, durationDays: 30, createdAt: clock().toISOString() };
  await eventStore.append('invoice-inv1', [{ id: 'e1', type: 'InvoiceCreated', data: invoice }]);
  const recorded = await recordIpn({ eventStore, clock })(finishedIpn);
  return { eventStore, recorded, review: reviewHeldPayment({ eventStore, clock }) };
};

const types = (store: { streams: Map<string, RecordedEvent[]> }) => store.streams.get('payment-5077125051')!.map((event) => event.type);

describe('reviewHeldPayment', () => {
  it('a far-underpaid finished IPN is held, and its duplicate appends nothing', async () => {
    const { eventStore, recorded } = await heldPayment();
    expect(recorded.eventTypes).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview']);
    expect((await recordIpn({ eventStore, clock })(finishedIpn)).outcome).toBe('duplicate');
    expect(types(eventStore)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview']);
  });

  it('release appends PaymentHoldReleased + PaymentReceived once, with deterministic ids', async () => {
    const { eventStore, review } = await heldPayment();
    const decision = { decision: 'release' as const, paymentId: '5077125051', decidedBy: 'ops-anna', note: 'paid the rest by bank transfer' };
    expect(await review(decision)).toEqual({ paymentId: '5077125051', eventTypes: ['PaymentHoldReleased', 'PaymentReceived'] });
    expect(await review(decision)).toEqual({ paymentId: '5077125051', eventTypes: [] });
    const stream = eventStore.streams.get('payment-5077125051')!;
    expect(stream.map((event) => event.type)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview', 'PaymentHoldReleased', 'PaymentReceived']);
    expect(stream[3]!.data).toMatchObject({ actuallyPaid: { amount: '1250000' }, outcome: { amount: '1240000' } });
    expect(stream[2]!.metadata).toMatchObject({ source: 'operator' });
    const again = await heldPayment();
    await again.review(decision);
    expect(again.eventStore.streams.get('payment-5077125051')!.slice(2).map((event) => event.id)).toEqual(stream.slice(2).map((event) => event.id));
  });

  it('reject appends PaymentHoldRejected; a later release is a conflict', async () => {
    const { eventStore, review } = await heldPayment();
    const base = { paymentId: '5077125051', decidedBy: 'ops-anna', note: 'no top-up arrived' };
    expect((await review({ ...base, decision: 'reject' })).eventTypes).toEqual(['PaymentHoldRejected']);
    await expect(review({ ...base, decision: 'release' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(types(eventStore)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview', 'PaymentHoldRejected']);
  });
});
