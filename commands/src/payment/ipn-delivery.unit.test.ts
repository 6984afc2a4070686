import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore, createMemoryLogger, givenEventId, testClock } from '@paygate/testkit';
import { createInvoiceCommands } from '../invoice/index.ts';
import { channelEvents } from '@paygate/testkit/fixtures';
import { IPN_SECRET, nowPaymentsWorld } from '../test-support/nowpayments-world.ts';
import { createNowPaymentsWebhook } from '../webhooks/index.ts';
import { recordIpn } from './record-ipn.ts';

// Payments played through the NOWPayments sandbox: its signed IPNs, sent twice and with the last
// two statuses swapped, reach the webhook app in process and are recorded on the in-memory store.

const setup = async () => {
  const clock = testClock('2026-01-02T00:00:00.000Z');
  const eventStore = createInMemoryEventStore();
  await eventStore.append('channel-ch1', channelEvents({ channelId: 'ch1' }).map((event, i) => ({ ...event, id: givenEventId('channel-ch1', i) })));
  const webhook = createNowPaymentsWebhook({ recordIpn: recordIpn({ eventStore, clock }), ipnSecret: IPN_SECRET, logger: createMemoryLogger() });
  const world = nowPaymentsWorld({ ipnReceiver: async (input, init) => webhook.request(input, init) });
  const invoices = createInvoiceCommands({ eventStore, nowPayments: world.nowPayments, publicUrl: 'https://pay.example', clock, newId: () => 'inv_1' });
  await invoices.createInvoice({ channelId: 'ch1', tierId: 'monthly', subscriberId: '777' });
  return { eventStore, world };
};

const typesOf = async (eventStore: ReturnType<typeof createInMemoryEventStore>, streamId: string) => (await eventStore.readStream(streamId)).map((e) => e.type);

describe('IPNs from the NOWPayments sandbox', () => {
  it('every IPN sent twice, the last two swapped: each status once, in order, and one grant', async () => {
    const { eventStore, world } = await setup();
    const paid = await world.sandbox.pay('inv_1', { duplicate: true, outOfOrder: true });
    expect(paid.deliveries).toHaveLength(10);
    expect(paid.deliveries.every((delivery) => delivery.delivered && delivery.attempts.at(-1)?.httpStatus === 200)).toBe(true);

    const payment = await eventStore.readStream(`payment-${paid.paymentId}`);
    // 'finished' overtook 'sending': the late 'sending' is stale and changes nothing.
    expect(payment.filter((e) => e.type === 'PaymentStatusRecorded').map((e) => (e.data as { status: string }).status)).toEqual(['waiting', 'confirming', 'confirmed', 'finished']);
    expect(payment.filter((e) => e.type === 'PaymentReceived')).toHaveLength(1);
    expect(await typesOf(eventStore, 'invoice-inv_1')).toEqual(['InvoiceCreated', 'InvoiceLinked', 'InvoicePaid']);
  });

  it('a partial payment is recorded as underpaid and grants nothing', async () => {
    const { eventStore, world } = await setup();
    const paid = await world.sandbox.pay('inv_1', { outcome: 'partially_paid', duplicate: true });
    expect(await typesOf(eventStore, `payment-${paid.paymentId}`)).toEqual([
      'PaymentStatusRecorded',
      'PaymentStatusRecorded',
      'PaymentStatusRecorded',
      'PaymentUnderpaid',
    ]);
    expect(await typesOf(eventStore, 'invoice-inv_1')).toEqual(['InvoiceCreated', 'InvoiceLinked']);
  });
});
