import type { RunningConsumer } from '@paygate/domain';
import { paymentFlowFor } from '../payment-flow-for.ts';
import type { Platform } from '../platform.ts';
import type { Role } from '../role.ts';

/** Process managers: durable consumers that turn relayed events into the next commands. */
export const createWorkersRole = (platform: Platform): Role => {
  let consumers: RunningConsumer[] = [];
  return {
    name: 'workers',
    start: async () => {
      consumers = await paymentFlowFor(platform).startProcessManagers({ subjectPrefix: platform.config.natsSubjectPrefix });
    },
    stop: async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      consumers = [];
    },
  };
};
