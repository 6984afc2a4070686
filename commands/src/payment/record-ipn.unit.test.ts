import { describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { commandSpec, testClock } from '@paygate/testkit';
import { channelStream, invoiceEvents, notice } from '@paygate/testkit/fixtures';
import { ipnEventId } from './ipn-event-id.ts';
import { recordIpn } from './record-ipn.ts';

// Recording verified IPNs: every forward status once, whatever NOWPayments repeats, races or
// delivers late; the grant (PaymentReceived) once per invoice; unknown orders and refused
// notices kept where an operator sees them.

const clock = testClock('2026-01-02T00:00:00.000Z');
const NOW = '2026-01-02T00:00:00.000Z';
const PAYMENT = 'payment-5001';
const shop = { ...channelStream({ channelId: 'ch1' }), 'invoice-inv_1': invoiceEvents({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777' }) };
const record = (eventStore: EventStore) => recordIpn({ eventStore, clock });
const ipn = (status: Parameters<typeof notice>[2], patch: Parameters<typeof notice>[3] = {}) => notice('inv_1', '5001', status, patch);

describe('recordIpn', () => {
  it('records each forward status; finished at the price pays the invoice first, then grants', async () => {
    const { result, appended } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        const outcomes = [];
        for (const status of ['waiting', 'confirming', 'finished'] as const) outcomes.push(await record(eventStore)(ipn(status, { ipnId: `ipn-${status}` })));
        return outcomes;
      })
      .thenAppends({
        [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }],
        'invoice-inv_1': [{ type: 'InvoicePaid' }],
      });
    expect(result.map((r) => [r.outcome, r.status, r.eventTypes])).toEqual([
      ['recorded', 'waiting', ['PaymentStatusRecorded']],
      ['recorded', 'confirming', ['PaymentStatusRecorded']],
      ['recorded', 'finished', ['PaymentStatusRecorded', 'PaymentReceived']],
    ]);
    const [waiting, , finished, received] = appended[PAYMENT]!;
    expect(waiting!.data).toMatchObject({ paymentId: '5001', invoiceId: 'inv_1', status: 'waiting', receivedAt: NOW });
    expect(finished!.id).toBe(ipnEventId(PAYMENT, 'finished', { type: 'PaymentStatusRecorded', data: {} }));
    expect(received!.data).toMatchObject({
      invoiceId: 'inv_1',
      channelId: 'ch1',
      subscriberId: '777',
      price: { amount: '1250', currency: 'USD', decimals: 2 },
      outcome: { amount: '12439990', currency: 'USDTTRC20', decimals: 6 },
    });
    expect(received!.metadata).toMatchObject({ correlationId: 'ipn-finished', causationId: 'ipn-finished', source: 'nowpayments-ipn' });
    expect(appended['invoice-inv_1']![0]!.data).toMatchObject({ invoiceId: 'inv_1', paymentId: '5001' });
  });

  it('a duplicate, and an older status arriving late, append nothing', async () => {
    const { result } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        await record(eventStore)(ipn('waiting'));
        await record(eventStore)(ipn('finished'));
        return [await record(eventStore)(ipn('finished')), await record(eventStore)(ipn('confirming')), await record(eventStore)(ipn('waiting'))];
      })
      .thenAppends({
        [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }],
        'invoice-inv_1': [{ type: 'InvoicePaid' }],
      });
    expect(result.map((r) => [r.outcome, r.eventTypes])).toEqual([
      ['duplicate', []],
      ['duplicate', []],
      ['duplicate', []],
    ]);
  });

  it('copies of finished racing each other grant once', async () => {
    const { result } = await commandSpec()
      .given(shop)
      .when(({ eventStore }) => Promise.all([1, 2, 3, 4].map(() => record(eventStore)(ipn('finished')))))
      .thenAppends({ [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }], 'invoice-inv_1': [{ type: 'InvoicePaid' }] });
    // A copy that lost the race re-appended the winner's very events (same ids): an idempotent
    // success, so it may report 'recorded' too; either way the webhook acknowledges it.
    for (const r of result) expect(['recorded', 'duplicate']).toContain(r.outcome);
  });

  it('finished, then failed (no order between them): the conflict is recorded once, the grant stands', async () => {
    await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        await record(eventStore)(ipn('finished'));
        await record(eventStore)(ipn('failed'));
        await record(eventStore)(ipn('failed'));
      })
      .thenAppends({
        [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }, { type: 'PaymentStatusConflicted' }],
        'invoice-inv_1': [{ type: 'InvoicePaid' }],
      });
  });

  it('a second payment finishing for a paid invoice grants nothing (InvoicePaidTwice)', async () => {
    const { appended } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        await record(eventStore)(ipn('finished'));
        await record(eventStore)(notice('inv_1', '5002', 'finished'));
      })
      .thenAppends({
        [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }],
        'invoice-inv_1': [{ type: 'InvoicePaid' }],
        'payment-5002': [{ type: 'PaymentStatusRecorded' }, { type: 'InvoicePaidTwice' }],
      });
    expect(appended['payment-5002']![1]!.data).toMatchObject({ paidBy: { paymentId: '5001' } });
  });

  it('underpaid, paid at another price, or far below the quote: recorded, never granted', async () => {
    await commandSpec().given(shop).when(({ eventStore }) => record(eventStore)(ipn('partially_paid'))).thenAppends({ [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentUnderpaid' }] });
    await commandSpec()
      .given(shop)
      .when(({ eventStore }) => record(eventStore)(ipn('finished', { priceAmount: '5' })))
      .thenAppends({ [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentMismatched' }] });
    await commandSpec()
      .given(shop)
      .when(({ eventStore }) => record(eventStore)(ipn('finished', { actuallyPaid: '1.25', outcomeAmount: '1.24' })))
      .thenAppends({ [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentHeldForReview' }] });
  });

  it('an order id that names none of our invoices is kept as an unmatched payment, each status once', async () => {
    const { result } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => [
        await record(eventStore)(notice('inv_nope', '6001', 'waiting')),
        await record(eventStore)(notice('inv_nope', '6001', 'finished')),
        await record(eventStore)(notice('inv_nope', '6001', 'finished')),
        await record(eventStore)({ ...notice('inv_nope', '6002', 'finished'), orderId: null }),
      ])
      .thenAppends({
        'unmatched-payment-6001': [{ type: 'UnmatchedPaymentRecorded' }, { type: 'UnmatchedPaymentRecorded' }],
        'unmatched-payment-6002': [{ type: 'UnmatchedPaymentRecorded' }],
      });
    expect(result.map((r) => r.outcome)).toEqual(['unmatched', 'unmatched', 'duplicate', 'unmatched']);
  });

  it('a genuine notice the payment decider refuses is kept whole for an operator, once', async () => {
    const { result, appended } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => [
        await record(eventStore)(ipn('finished', { payCurrency: 'zzzcoin', outcomeCurrency: 'zzzcoin' })),
        await record(eventStore)(ipn('finished', { payCurrency: 'zzzcoin', outcomeCurrency: 'zzzcoin' })),
      ])
      .thenAppends({ 'refused-payment-5001': [{ type: 'PaymentNoticeRefused' }] });
    expect(result.map((r) => [r.outcome, r.eventTypes])).toEqual([
      ['refused', ['PaymentNoticeRefused']],
      ['refused', []],
    ]);
    expect(appended['refused-payment-5001']![0]!.data).toMatchObject({ paymentId: '5001', status: 'finished', invoiceId: 'inv_1', errorKind: 'validation' });
  });

  it('a notice that does not normalize is the sender’s validation error and appends nothing', async () => {
    await commandSpec().given(shop).when(({ eventStore }) => record(eventStore)(ipn('finished', { actuallyPaid: '-1' }))).thenThrows('validation');
    await commandSpec().given(shop).when(({ eventStore }) => record(eventStore)(ipn('finished', { paymentId: 'has space' }))).thenThrows('validation');
  });

  it('a stored event that fails its schema is internal, never blamed on the sender', async () => {
    const broken = { ...shop, [PAYMENT]: [{ type: 'PaymentStatusRecorded', data: { paymentId: '5001', status: 'waiting' } }] };
    await commandSpec().given(broken).when(({ eventStore }) => record(eventStore)(ipn('finished'))).thenThrows('internal');
  });

  it("a payment's next notices are decided on this process's last view of its stream: one read for the payment, whatever follows", async () => {
    const reads: string[] = [];
    const { result } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        const counted: EventStore = { ...eventStore, readStream: (streamId, options) => (reads.push(streamId), eventStore.readStream(streamId, options)) };
        const recorder = record(counted);
        const outcomes = [];
        for (const status of ['waiting', 'confirming', 'confirmed', 'confirming'] as const) outcomes.push((await recorder(ipn(status))).outcome);
        return outcomes;
      })
      .thenAppends({ [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }] });
    expect(result).toEqual(['recorded', 'recorded', 'recorded', 'duplicate']);
    // The late "confirming" decided nothing on the cache, so it was checked against the store once more.
    expect(reads.filter((id) => id === PAYMENT)).toHaveLength(2);
  });

  it('a finished IPN reads its invoice and its payment once each, then appends the claim and the grant', async () => {
    const reads: string[] = [];
    await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        const counted: EventStore = { ...eventStore, readStream: (streamId, options) => (reads.push(streamId), eventStore.readStream(streamId, options)) };
        return record(counted)(ipn('finished'));
      })
      .thenAppends({ [PAYMENT]: [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }], 'invoice-inv_1': [{ type: 'InvoicePaid' }] });
    expect(reads.sort()).toEqual(['invoice-inv_1', PAYMENT]);
  });
});
