import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { isPayGateError, type Broker } from '@paygate/domain';
import { testNatsUrl, uniqueName } from '@paygate/testkit';
import { describeBrokerContract } from '../contract/index.ts';
import { createNatsBroker } from './index.ts';

describeBrokerContract('NATS JetStream', async () => {
  const streamName = uniqueName('BROKER_CONTRACT');
  // Streams may not overlap, so each run gets its own subject space too.
  const subjectPrefix = `test.${streamName}`;
  const open = () => createNatsBroker({ servers: testNatsUrl(), streamName, subjects: [`${subjectPrefix}.>`], duplicateWindowMs: 60_000 });
  const brokers: Broker[] = [await open()];
  return {
    broker: brokers[0]!,
    subjectPrefix,
    // A new connection: consumers restarted on it prove the durable state lives on the server.
    reopen: async () => {
      const broker = await open();
      brokers.push(broker);
      return broker;
    },
    teardown: async () => {
      await Promise.all(brokers.map((broker) => broker.close()));
      const nc = await connect({ servers: testNatsUrl() });
      const jsm = await jetstreamManager(nc);
      for (const stream of [streamName, `${streamName}_DEAD`, `${streamName}_REPLAY`]) await jsm.streams.delete(stream).catch(() => {});
      await nc.close();
    },
  };
});

describe('NATS broker failures', () => {
  const kindOf = (attempt: Promise<unknown>) => attempt.then(() => 'accepted', (error: unknown) => (isPayGateError(error) ? error.kind : 'other'));

  it('reports an unreachable server as unavailable', async () => {
    expect(await kindOf(createNatsBroker({ servers: 'nats://127.0.0.1:1', streamName: uniqueName('NOWHERE'), subjects: ['nowhere.>'] }))).toBe('unavailable');
  });

  it('reports a closed broker, a subject no stream stores and an oversized message distinctly', async () => {
    const streamName = uniqueName('BROKER_FAILURES');
    const broker = await createNatsBroker({ servers: testNatsUrl(), streamName, subjects: [`test.${streamName}.>`] });
    try {
      expect(await kindOf(broker.publish(`unstored.${streamName}.x`, new Uint8Array(1), { msgId: 'a' }))).toBe('unavailable');
      expect(await kindOf(broker.publish(`test.${streamName}.x`, new Uint8Array(2 * 1024 * 1024), { msgId: 'b' }))).toBe('too_large');
    } finally {
      await broker.close();
      const nc = await connect({ servers: testNatsUrl() });
      const jsm = await jetstreamManager(nc);
      for (const stream of [streamName, `${streamName}_DEAD`, `${streamName}_REPLAY`]) await jsm.streams.delete(stream).catch(() => {});
      await nc.close();
    }
    expect(await kindOf(broker.publish(`test.${streamName}.x`, new Uint8Array(1), { msgId: 'c' }))).toBe('unavailable');
  });
});
