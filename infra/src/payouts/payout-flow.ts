import type pg from 'pg';
import {
  createPayoutBalanceManager,
  createPayoutDriver,
  createPayoutPipeline,
  createPayoutStarter,
  startPayoutSweeper,
  type PayoutPipeline,
  type ProcessManager,
} from '@paygate/commands';
import type { ChannelPayoutSettings, EventStore } from '@paygate/domain';
import { listChannelBalances, listRunningPayouts, type AnyKysely } from '@paygate/projections';
import type { PayoutConfig } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { runWhileLeader } from '../runtime/while-leader.ts';
import type { PayoutGateways } from './payout-gateways.ts';

export type PayoutFlowDeps = {
  eventStore: EventStore;
  clock: () => Date;
  logger: Logger;
  pool: pg.Pool;
  db: AnyKysely;
  schema: string;
  gateways: PayoutGateways;
  payoutSettingsFor(channelId: string): Promise<ChannelPayoutSettings>;
};

export type PayoutFlowOptions = Pick<PayoutConfig, 'confirmations' | 'maxSlippageBps' | 'replaceAfterSeconds'> & {
  /** How often the sweeper looks at running payouts and waiting balances (default 2 s). */
  sweepIntervalMs?: number;
  backoffBaseMs?: number;
};

export type PayoutFlow = {
  /** Balance, starter and driver: run each with runProcessManager on the workers role. */
  processManagers: readonly ProcessManager[];
  pipeline: PayoutPipeline;
  gateways: PayoutGateways;
  /** Starts the gateways, then the sweeper in one workers process at a time (leader lock). */
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** The payout side of the money flow, wired from its parts: events in, on-chain transfers out. */
export const createPayoutFlow = (deps: PayoutFlowDeps, options: PayoutFlowOptions): PayoutFlow => {
  const logger = deps.logger.child({ component: 'payouts' });
  const { eventStore, clock, gateways, payoutSettingsFor } = deps;
  const pipeline = createPayoutPipeline({
    eventStore,
    clock,
    logger,
    exchange: gateways.exchange,
    chain: gateways.chain,
    confirmations: options.confirmations,
    maxSlippageBps: options.maxSlippageBps,
    stuckAfterMs: options.replaceAfterSeconds * 1_000,
    ...(options.backoffBaseMs === undefined ? {} : { backoffBaseMs: options.backoffBaseMs }),
  });
  const processManagers = [
    createPayoutBalanceManager({ eventStore, clock, exchange: gateways.exchange, payoutSettingsFor }),
    createPayoutStarter({ eventStore, clock, hostNetwork: gateways.chain.network, payoutSettingsFor }),
    createPayoutDriver(pipeline),
  ];
  let leader: { stop(): Promise<void> } | undefined;
  return {
    processManagers,
    pipeline,
    gateways,
    async start() {
      await gateways.start();
      leader = runWhileLeader(deps.pool, 'paygate-payout-sweeper', () => {
        logger.info('this process runs the payout sweeper');
        return startPayoutSweeper({
          eventStore,
          clock,
          pipeline,
          exchange: gateways.exchange,
          payoutSettingsFor,
          logger,
          runningPayouts: async () => (await listRunningPayouts(deps.db, deps.schema)).map((payout) => payout.payoutId),
          waitingBalances: async () =>
            (await listChannelBalances(deps.db, deps.schema))
              .filter((balance) => balance.pending.amount > balance.inPayout.amount)
              .map(({ channelId, currency }) => ({ channelId, currency })),
          ...(options.sweepIntervalMs === undefined ? {} : { intervalMs: options.sweepIntervalMs }),
        });
      });
    },
    async stop() {
      await leader?.stop();
      leader = undefined;
      await gateways.stop();
    },
  };
};
