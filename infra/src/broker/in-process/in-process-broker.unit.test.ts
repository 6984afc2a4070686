import { createInProcessBroker } from './index.ts';
import { describeBrokerContract } from '../contract/index.ts';

// Timers only, no I/O: the in-process adapter is a unit under the same contract as NATS.
describeBrokerContract('in-process', async () => {
  const broker = createInProcessBroker();
  return {
    broker,
    // One process, one state: "reopening" is getting the same broker again.
    reopen: async () => broker,
    teardown: () => broker.close(),
  };
});
