import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeEvent,
  moneyFromJson,
  parsePaymentEvent,
  parseSplitEvent,
  splitFee,
  splitStreamId,
  subjectForEvent,
  type Broker,
  type RecordedEvent,
  type RunningConsumer,
} from '@paygate/domain';
import { runProcessManager, splitEventId, type ProcessManager } from '@paygate/commands';
import { testNatsUrl, uniqueName, waitFor } from '@paygate/testkit';
import { createNatsBroker } from '../broker/nats/index.ts';
import { createRelay, type Relay } from '../relay/index.ts';
import { deleteStreams } from '../relay/test-support/jetstream-contents.ts';
import { FEE_BPS, startFlowHarness, type FlowHarness } from './test-support/flow-harness.ts';

const WAIT = { timeoutMs: 30_000 };

describe.each(['in-process', 'NATS JetStream'] as const)('split manager through the %s broker', (kind) => {
  const streamName = uniqueName('SPLIT');
  const subjectPrefix = kind === 'NATS JetStream' ? `test.${streamName.toLowerCase()}` : 'paygate.events';
  let h: FlowHarness;
  let broker: Broker;
  let relay: Relay;
  let consumer: RunningConsumer;
  // Every delivery the manager saw, and the ones made to fail after the work was done.
  const deliveries: string[] = [];
  const crashed = new Set<string>();

  beforeAll(async () => {
    h = await startFlowHarness();
    broker = kind === 'NATS JetStream' ? await createNatsBroker({ servers: testNatsUrl(), streamName, subjects: [`${subjectPrefix}.>`] }) : h.broker;
    relay = createRelay({ pool: h.pool, eventStore: h.eventStore, broker, subjectPrefix, name: streamName, retryDelayMs: 100 });
    await relay.start();
    const [manager] = h.flow.processManagers as [ProcessManager];
    // The first delivery of each event appends its split, then "crashes" before the ack: the
    // broker must redeliver, and the redelivery must not add a second split.
    const crashing: ProcessManager = {
      ...manager,
      async handle(event) {
        deliveries.push(event.id);
        await manager.handle(event);
        if (!crashed.has(event.id)) {
          crashed.add(event.id);
          throw new Error('simulated crash after the append, before the ack');
        }
      },
    };
    consumer = await runProcessManager(broker, crashing, { subjectPrefix, ackWaitMs: 5_000, backoffMs: [50], maxDeliver: 5 });
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    if (kind === 'NATS JetStream') {
      await broker?.close();
      await deleteStreams(testNatsUrl(), streamName, `${streamName}_DEAD`, `${streamName}_REPLAY`);
    }
    await h?.close();
  });

  const paymentsReceived = async (count: number): Promise<RecordedEvent[]> => {
    const { channelId, tierId } = await h.channelWithTier();
    const received: RecordedEvent[] = [];
    for (let i = 0; i < count; i++) {
      const invoice = await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: String(100 + i) });
      const paid = await h.sandbox.pay(invoice.invoiceId);
      const stream = await h.eventStore.readStream(`payment-${paid.paymentId}`);
      received.push(stream.find((event) => event.type === 'PaymentReceived')!);
    }
    return received;
  };

  const splitsOf = (paymentId: string) => h.eventStore.readStream(splitStreamId(paymentId));

  it('every PaymentReceived gets exactly one SplitCalculated, though each first delivery fails after appending', async () => {
    const received = await paymentsReceived(3);
    expect(received.every(Boolean)).toBe(true);
    await waitFor('each payment redelivered after its crash', () => received.every((event) => deliveries.filter((id) => id === event.id).length >= 2), WAIT);

    for (const event of received) {
      const payment = parsePaymentEvent(event);
      if (payment.type !== 'PaymentReceived') throw new Error('not a PaymentReceived');
      const splits = await splitsOf(payment.data.paymentId);
      expect(splits.map((split) => split.type)).toEqual(['SplitCalculated']);
      const split = parseSplitEvent(splits[0]!);
      const expected = splitFee(moneyFromJson(payment.data.outcome), FEE_BPS);
      expect(split.data).toMatchObject({
        paymentId: payment.data.paymentId,
        invoiceId: payment.data.invoiceId,
        channelId: payment.data.channelId,
        ownerId: '4242',
        feeBps: FEE_BPS,
        gross: payment.data.outcome,
        fee: { ...payment.data.outcome, amount: expected.fee.amount.toString() },
        ownerShare: { ...payment.data.outcome, amount: expected.ownerShare.amount.toString() },
      });
      expect(splits[0]!.id).toBe(splitEventId(event.id));
      expect(splits[0]!.metadata).toMatchObject({ causationId: event.id, correlationId: event.metadata.correlationId });
    }
  });

  it('the same event published again under other message ids, even concurrently, adds no split', async () => {
    const [event] = await paymentsReceived(1);
    const paymentId = (event!.data as { paymentId: string }).paymentId;
    await waitFor('first split', async () => (await splitsOf(paymentId)).length === 1, WAIT);
    const before = deliveries.filter((id) => id === event!.id).length;

    const { data, headers } = encodeEvent(event!);
    await Promise.all(
      Array.from({ length: 4 }, () => broker.publish(subjectForEvent(event!, subjectPrefix), data, { msgId: randomUUID(), headers })),
    );
    await waitFor('the copies delivered', () => deliveries.filter((id) => id === event!.id).length >= before + 4, WAIT);
    expect((await splitsOf(paymentId)).map((split) => split.type)).toEqual(['SplitCalculated']);
    expect(await broker.deadLetters.list()).toEqual([]);
  });
});
