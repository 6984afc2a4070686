import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPayGateError, type Broker, type BrokerMessage, type ConsumerOptions, type MessageHandler, type RunningConsumer } from '@paygate/domain';
import { waitFor } from '@paygate/testkit';

export type BrokerContractContext = {
  broker: Broker;
  /** A second handle on the same broker state (NATS: a new connection); used to restart consumers. */
  reopen(): Promise<Broker>;
  teardown(): Promise<void>;
  /** Every subject under `<subjectPrefix>.>` must be stored by the broker. Default `paygate.events`. */
  subjectPrefix?: string;
};

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (data: Uint8Array) => new TextDecoder().decode(data);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

/**
 * The one behaviour every Broker adapter must show. Timings are generous on purpose: the suite runs
 * on a loaded 2-core machine, so it waits for outcomes (waitFor) instead of sleeping exact amounts,
 * and only asserts lower bounds on delays.
 */
export const describeBrokerContract = (name: string, setup: () => Promise<BrokerContractContext>): void => {
  describe(`Broker contract: ${name}`, () => {
    let context: BrokerContractContext;
    let prefix: string;
    let counter = 0;
    const running: RunningConsumer[] = [];
    const released: Array<() => void> = [];
    // Unique per test: the stream (and its dedup window) is shared by the whole suite.
    const unique = (label: string) => `${label}_${++counter}`;

    const consume = async (broker: Broker, options: ConsumerOptions, handler: MessageHandler) => {
      const consumer = await broker.consume(options, handler);
      running.push(consumer);
      return consumer;
    };

    const record = () => {
      const deliveries: BrokerMessage[] = [];
      const at: number[] = [];
      const seen = (message: BrokerMessage) => {
        deliveries.push(message);
        at.push(performance.now());
      };
      return { deliveries, at, seen };
    };

    beforeAll(async () => {
      context = await setup();
      prefix = context.subjectPrefix ?? 'paygate.events';
    });
    afterEach(async () => {
      for (const release of released.splice(0)) release();
      await Promise.all(running.splice(0).map((consumer) => consumer.stop({ signal: AbortSignal.abort() })));
    });
    afterAll(async () => {
      await context?.teardown();
    });

    it('deduplicates publishes by msgId: the same id twice stores one message', async () => {
      const { broker } = context;
      const topic = unique('dedup');
      const subject = `${prefix}.${topic}.created`;
      const first = await broker.publish(subject, encode('one'), { msgId: `${topic}-1`, headers: { 'Event-Type': 'Created' } });
      const again = await broker.publish(subject, encode('one, again'), { msgId: `${topic}-1` });
      const second = await broker.publish(subject, encode('two'), { msgId: `${topic}-2` });
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ sequence: first.sequence, duplicate: true });
      expect(second.duplicate).toBe(false);
      expect(second.sequence).toBeGreaterThan(first.sequence);

      const { deliveries, seen } = record();
      await consume(broker, { name: unique('dedup'), filterSubject: `${prefix}.${topic}.>` }, async (message) => seen(message));
      await waitFor('two deliveries', () => deliveries.length >= 2);
      await pause(300);
      expect(deliveries.map((message) => [message.id, decode(message.data), message.deliveryCount])).toEqual([
        [`${topic}-1`, 'one', 1],
        [`${topic}-2`, 'two', 1],
      ]);
      expect(deliveries[0]).toMatchObject({ subject, sequence: first.sequence, headers: { 'Event-Type': 'Created' } });
    });

    it('answers ping, and rejects malformed input as validation errors', async () => {
      const { broker } = context;
      await broker.ping();
      const kind = (attempt: Promise<unknown>) => attempt.then(() => 'accepted', (error: unknown) => (isPayGateError(error) ? error.kind : 'other'));
      const subject = `${prefix}.${unique('invalid')}.x`;
      expect(await kind(broker.publish(`${prefix}.*.x`, encode('x'), { msgId: unique('invalid') }))).toBe('validation');
      expect(await kind(broker.publish(subject, encode('x'), { msgId: '' }))).toBe('validation');
      expect(await kind(broker.publish(subject, encode('x'), { msgId: unique('invalid'), headers: { Bad: 'line\nbreak' } }))).toBe('validation');
      expect(await kind(broker.consume({ name: 'has.dot', filterSubject: `${prefix}.>` }, async () => {}))).toBe('validation');
      expect(await broker.deadLetters.list('has.dot')).toEqual([]);
    });

    it('delivers to a durable consumer in order, and a restarted one resumes after the last ack', async () => {
      const { broker } = context;
      const topic = unique('durable');
      const consumer = unique('durable');
      const publish = (n: number) => broker.publish(`${prefix}.${topic}.n`, encode(String(n)), { msgId: `${topic}-${n}` });
      for (const n of [1, 2, 3]) await publish(n);

      // A short ackWait: were the first three not acked, the restarted consumer would get them back.
      const options = { name: consumer, filterSubject: `${prefix}.${topic}.>`, ackWaitMs: 1_000 };
      const before = record();
      const first = await consume(broker, options, async (message) => before.seen(message));
      await waitFor('three deliveries', () => before.deliveries.length >= 3);
      await first.stop();
      expect(before.deliveries.map((message) => decode(message.data))).toEqual(['1', '2', '3']);

      for (const n of [4, 5]) await publish(n);
      const after = record();
      await consume(await context.reopen(), options, async (message) => after.seen(message));
      await waitFor('two deliveries after the restart', () => after.deliveries.length >= 2);
      await pause(2_000);
      expect(after.deliveries.map((message) => [decode(message.data), message.deliveryCount])).toEqual([['4', 1], ['5', 1]]);
    });

    it('acks explicitly when the handler resolves: no redelivery after ackWait', async () => {
      const { broker } = context;
      const topic = unique('ack');
      await broker.publish(`${prefix}.${topic}.x`, encode('x'), { msgId: `${topic}-1` });
      const { deliveries, seen } = record();
      await consume(broker, { name: unique('ack'), filterSubject: `${prefix}.${topic}.>`, ackWaitMs: 500 }, async (message) => seen(message));
      await waitFor('the delivery', () => deliveries.length >= 1);
      await pause(1_500);
      expect(deliveries).toHaveLength(1);
    });

    it('naks a thrown handler: redelivered with deliveryCount increasing, after the backoff delays', async () => {
      const { broker } = context;
      const topic = unique('nak');
      await broker.publish(`${prefix}.${topic}.x`, encode('x'), { msgId: `${topic}-1` });
      const { deliveries, at, seen } = record();
      const options = { name: unique('nak'), filterSubject: `${prefix}.${topic}.>`, backoffMs: [200, 400], maxDeliver: 10 };
      await consume(broker, options, async (message) => {
        seen(message);
        if (message.deliveryCount <= 3) throw new Error(`failure ${message.deliveryCount}`);
      });
      await waitFor('four deliveries', () => deliveries.length >= 4);
      await pause(500);
      expect(deliveries.map((message) => message.deliveryCount)).toEqual([1, 2, 3, 4]);
      expect(new Set(deliveries.map((message) => message.id))).toEqual(new Set([`${topic}-1`]));
      // Lower bounds only (a loaded machine can be late, never early); the last delay repeats.
      const gaps = at.slice(1).map((time, index) => time - at[index]!);
      expect(gaps[0]).toBeGreaterThanOrEqual(150);
      expect(gaps[1]).toBeGreaterThanOrEqual(350);
      expect(gaps[2]).toBeGreaterThanOrEqual(350);
    });

    it('redelivers a message whose handler is slower than ackWait', async () => {
      const { broker } = context;
      const topic = unique('slow');
      await broker.publish(`${prefix}.${topic}.x`, encode('x'), { msgId: `${topic}-1` });
      const { deliveries, seen } = record();
      const slow = gate();
      released.push(slow.open);
      const options = { name: unique('slow'), filterSubject: `${prefix}.${topic}.>`, ackWaitMs: 1_000, maxInFlight: 2 };
      await consume(broker, options, async (message) => {
        seen(message);
        if (message.deliveryCount === 1) await slow.opened;
      });
      await waitFor('the redelivery after ackWait', () => deliveries.length >= 2);
      slow.open();
      await pause(500);
      expect(deliveries.map((message) => [message.id, message.deliveryCount])).toEqual([[`${topic}-1`, 1], [`${topic}-1`, 2]]);
    });

    it('dead-letters a message after maxDeliver failures, with the error, and delivers it no more', async () => {
      const { broker } = context;
      const topic = unique('dead');
      const consumer = unique('dead');
      const sent = await broker.publish(`${prefix}.${topic}.x`, encode('payload'), { msgId: `${topic}-1`, headers: { 'Event-Type': 'X' } });
      const { deliveries, seen } = record();
      await consume(broker, { name: consumer, filterSubject: `${prefix}.${topic}.>`, maxDeliver: 3, backoffMs: [100] }, async (message) => {
        seen(message);
        throw new Error(`boom on delivery ${message.deliveryCount}`);
      });
      const [letter] = await waitFor('the dead letter', async () => {
        const letters = await broker.deadLetters.list(consumer);
        return letters.length > 0 && letters;
      });
      expect(letter).toMatchObject({ consumer, message: { id: `${topic}-1`, subject: `${prefix}.${topic}.x`, sequence: sent.sequence, deliveryCount: 3 } });
      expect(letter!.error).toContain('boom on delivery 3');
      expect(letter!.message.headers).toMatchObject({ 'Event-Type': 'X' });
      expect(decode(letter!.message.data)).toBe('payload');
      expect(letter!.deadAt).toBeInstanceOf(Date);
      expect((await broker.deadLetters.list()).map((each) => each.id)).toContain(letter!.id);
      expect(await broker.deadLetters.list(unique('nobody'))).toEqual([]);
      await pause(1_000);
      expect(deliveries.map((message) => message.deliveryCount)).toEqual([1, 2, 3]);
    });

    it('dead-letters a message whose last allowed delivery times out, without calling the handler again', async () => {
      const { broker } = context;
      const topic = unique('hung');
      const consumer = unique('hung');
      await broker.publish(`${prefix}.${topic}.x`, encode('x'), { msgId: `${topic}-1` });
      const { deliveries, seen } = record();
      const hung = gate();
      released.push(hung.open);
      const options = { name: consumer, filterSubject: `${prefix}.${topic}.>`, maxDeliver: 1, ackWaitMs: 1_000, maxInFlight: 2 };
      await consume(broker, options, async (message) => {
        seen(message);
        await hung.opened;
      });
      const [letter] = await waitFor('the dead letter', async () => {
        const letters = await broker.deadLetters.list(consumer);
        return letters.length > 0 && letters;
      });
      expect(letter!.error).toMatch(/ackWait/);
      expect(deliveries).toHaveLength(1);
    });

    it('replays a dead letter to its consumer only, once, and removes it from the list', async () => {
      const { broker } = context;
      const topic = unique('replay');
      const consumer = unique('replay');
      await broker.publish(`${prefix}.${topic}.x`, encode('again'), { msgId: `${topic}-1`, headers: { 'Event-Type': 'R' } });
      let failing = true;
      const mine = record();
      const other = record();
      await consume(broker, { name: consumer, filterSubject: `${prefix}.${topic}.>`, maxDeliver: 1 }, async (message) => {
        mine.seen(message);
        if (failing) throw new Error('not yet');
      });
      await consume(broker, { name: unique('bystander'), filterSubject: `${prefix}.${topic}.>` }, async (message) => other.seen(message));
      const [letter] = await waitFor('the dead letter', async () => {
        const letters = await broker.deadLetters.list(consumer);
        return letters.length > 0 && letters;
      });
      failing = false;
      await broker.deadLetters.replay(letter!.id);
      await waitFor('the replayed delivery', () => mine.deliveries.length >= 2);
      expect(mine.deliveries[1]).toMatchObject({ id: `${topic}-1`, subject: `${prefix}.${topic}.x`, headers: { 'Event-Type': 'R' } });
      expect(decode(mine.deliveries[1]!.data)).toBe('again');
      expect(await broker.deadLetters.list(consumer)).toEqual([]);
      await pause(500);
      expect(mine.deliveries).toHaveLength(2);
      expect(other.deliveries).toHaveLength(1);
      const missing = await broker.deadLetters.replay(letter!.id).catch((error: unknown) => error);
      expect(isPayGateError(missing) && missing.kind).toBe('not_found');
    });

    it('shows one dead letter by id and discards it without delivering it; unknown ids are not_found', async () => {
      const { broker } = context;
      const topic = unique('discard');
      const consumer = unique('discard');
      await broker.publish(`${prefix}.${topic}.x`, encode('gone'), { msgId: `${topic}-1` });
      const mine = record();
      await consume(broker, { name: consumer, filterSubject: `${prefix}.${topic}.>`, maxDeliver: 1 }, async (message) => {
        mine.seen(message);
        throw new Error('poison');
      });
      const [letter] = await waitFor('the dead letter', async () => {
        const letters = await broker.deadLetters.list(consumer);
        return letters.length > 0 && letters;
      });
      expect(await broker.deadLetters.get(letter!.id)).toEqual(letter);
      await broker.deadLetters.discard(letter!.id);
      expect(await broker.deadLetters.list(consumer)).toEqual([]);
      await pause(500);
      expect(mine.deliveries).toHaveLength(1);
      for (const attempt of [() => broker.deadLetters.get(letter!.id), () => broker.deadLetters.discard(letter!.id), () => broker.deadLetters.get('nope')]) {
        const missing = await attempt().catch((error: unknown) => error);
        expect(isPayGateError(missing) && missing.kind).toBe('not_found');
      }
    });

    it('stop() waits for in-flight handlers, whose acks then hold across a restart', async () => {
      const { broker } = context;
      const topic = unique('stop');
      const consumer = unique('stop');
      await broker.publish(`${prefix}.${topic}.x`, encode('x'), { msgId: `${topic}-1` });
      let started = false;
      let finished = false;
      const options = { name: consumer, filterSubject: `${prefix}.${topic}.>`, ackWaitMs: 1_000 };
      const first = await consume(broker, options, async () => {
        started = true;
        await pause(400);
        finished = true;
      });
      await waitFor('the handler to start', () => started);
      await first.stop();
      expect(finished).toBe(true);
      const { deliveries, seen } = record();
      await consume(broker, options, async (message) => seen(message));
      // Past ackWait: an unacked message would be back by now.
      await pause(2_000);
      expect(deliveries).toEqual([]);
    });

    it('stop() gives up on a hung handler when its signal aborts and naks the message for prompt redelivery', async () => {
      const { broker } = context;
      const topic = unique('abort');
      const consumer = unique('abort');
      await broker.publish(`${prefix}.${topic}.x`, encode('x'), { msgId: `${topic}-1` });
      const hung = gate();
      released.push(hung.open);
      let started = false;
      const options = { name: consumer, filterSubject: `${prefix}.${topic}.>`, ackWaitMs: 60_000 };
      const first = await consume(broker, options, async () => {
        started = true;
        await hung.opened;
      });
      await waitFor('the handler to start', () => started);
      await first.stop({ signal: AbortSignal.timeout(200) });
      const { deliveries, seen } = record();
      await consume(broker, options, async (message) => seen(message));
      // Well before ackWait (60 s): the redelivery comes from the nak.
      await waitFor('the redelivery', () => deliveries.length >= 1, { timeoutMs: 20_000 });
      expect(deliveries[0]!.deliveryCount).toBe(2);
    });
  });
};
