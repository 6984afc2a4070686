import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Broker } from '@paygate/domain';
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
