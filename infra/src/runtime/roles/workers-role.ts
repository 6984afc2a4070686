import type pg from 'pg';
import { runProcessManager } from '@paygate/commands';
import type { Broker, RunningConsumer } from '@paygate/domain';
import type { PaymentFlow } from '../../flows/index.ts';
import type { LifecycleFlow } from '../../lifecycle/index.ts';
import type { Logger } from '../../logging/index.ts';
import type { PayoutFlow } from '../../payouts/index.ts';
import type { Role } from '../role.ts';
import type { IpnReconcilerSetup } from '../ipn-reconciler-setup.ts';
import { runWhileLeader } from '../while-leader.ts';
import type { BroadcastSetup } from '../broadcast-setup.ts';

export type WorkersRoleDeps = {
  broker: Broker;
  /** Holds the expiry timer's leader lock. */
  pool: pg.Pool;
  logger: Logger;
  subjectPrefix: string;
  payments: Pick<PaymentFlow, 'startProcessManagers'>;
  lifecycle: Pick<LifecycleFlow, 'processManagers' | 'startExpiryTimer'>;
  payouts: Pick<PayoutFlow, 'processManagers' | 'start' | 'stop'>;
  /** The broadcast scheduler (absent: not run). */
  broadcasts?: Pick<BroadcastSetup, 'start'>;
  /** The lost-IPN reconciler (absent: not run). */
  reconciler?: IpnReconcilerSetup;
};

/**
 * Process managers (durable consumers turning relayed events into the next commands: split,
 * access, refunds, owner notifications, payouts) and the timers that run in one workers process at
 * a time: the expiry timer, the broadcast scheduler, the lost-IPN reconciler and the payout sweeper (which starts with the
 * payout gateways).
 */
export const createWorkersRole = ({ broker, pool, logger: parent, subjectPrefix, payments, lifecycle, payouts, reconciler, broadcasts }: WorkersRoleDeps): Role => {
  const logger = parent.child({ role: 'workers' });
  let consumers: RunningConsumer[] = [];
  let expiry: { stop(): Promise<void> } | undefined;
  let reconciling: { stop(): Promise<void> } | undefined;
  let broadcasting: { stop(): Promise<void> } | undefined;
  return {
    name: 'workers',
    start: async () => {
      // The payout gateways first: the payout managers call them from their first delivery.
      await payouts.start();
      consumers = await payments.startProcessManagers({ subjectPrefix });
      for (const manager of [...lifecycle.processManagers, ...payouts.processManagers]) {
        consumers.push(await runProcessManager(broker, manager, { subjectPrefix, logger: logger.child({ manager: manager.name }) }));
      }
      expiry = runWhileLeader(pool, 'paygate-expiry-timer', () => {
        logger.info('this process runs the expiry timer');
        return lifecycle.startExpiryTimer();
      });
      if (broadcasts) {
        broadcasting = runWhileLeader(pool, 'paygate-broadcast-scheduler', () => {
          logger.debug('this process runs the broadcast scheduler');
          return broadcasts.start();
        });
      }
      if (reconciler) {
        reconciling = runWhileLeader(pool, 'paygate-ipn-reconciler', () => {
          logger.debug('this process runs the lost-IPN reconciler');
          return reconciler.start();
        });
      }
    },
    stop: async () => {
      await broadcasting?.stop();
      await reconciling?.stop();
      await expiry?.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      consumers = [];
      await payouts.stop();
    },
  };
};
