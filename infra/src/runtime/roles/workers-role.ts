import { runProcessManager } from '@paygate/commands';
import type { RunningConsumer } from '@paygate/domain';
import { lifecycleFor } from '../lifecycle-for.ts';
import { paymentFlowFor } from '../payment-flow-for.ts';
import type { Platform } from '../platform.ts';
import type { Role } from '../role.ts';
import { runWhileLeader } from '../while-leader.ts';

/**
 * Process managers (durable consumers turning relayed events into the next commands: split,
 * access, owner notifications) and the expiry timer, which runs in one workers process at a time.
 */
export const createWorkersRole = (platform: Platform): Role => {
  const logger = platform.logger.child({ role: 'workers' });
  const subjectPrefix = platform.config.natsSubjectPrefix;
  let consumers: RunningConsumer[] = [];
  let expiry: { stop(): Promise<void> } | undefined;
  return {
    name: 'workers',
    start: async () => {
      consumers = await paymentFlowFor(platform).startProcessManagers({ subjectPrefix });
      const lifecycle = lifecycleFor(platform);
      for (const manager of lifecycle.processManagers) {
        consumers.push(await runProcessManager(platform.broker, manager, { subjectPrefix, logger: logger.child({ manager: manager.name }) }));
      }
      expiry = runWhileLeader(platform.pool, 'paygate-expiry-timer', () => {
        logger.info('this process runs the expiry timer');
        return lifecycle.startExpiryTimer();
      });
    },
    stop: async () => {
      await expiry?.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      consumers = [];
    },
  };
};
