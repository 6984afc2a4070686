import type pg from 'pg';
import {
  createConversionAllocator,
  createConversionStarter,
  createPayoutBalanceManager,
  createPayoutDriver,
  createPayoutPipeline,
  createPayoutStarter,
  startPayoutSweeper,
  type PayoutPipeline,
  type ProcessManager,
} from '@paygate/commands';
import { isUsdStableCoin, type ChannelPayoutSettings, type EventStore } from '@paygate/domain';
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

export type PayoutFlowOptions = Pick<PayoutConfig, 'confirmations' | 'maxSlippageBps' | 'replaceAfterSeconds' | 'microbatchMinUsd' | 'hostWalletCurrencies'> & {
  /** How often the sweeper looks at running payouts and waiting balances (default 1 s). */
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
  // Threshold owners' shares in ETH are converted into the host wallet's first stable coin, pooled.
  const stable = options.hostWalletCurrencies.find(isUsdStableCoin);
  const conversions = stable === undefined ? undefined : { toCurrency: stable, minimumUsd: { amount: BigInt(options.microbatchMinUsd) * 100n, currency: 'USD', decimals: 2 } };
  const balances = { eventStore, clock, exchange: gateways.exchange, payoutSettingsFor, ...(conversions === undefined ? {} : { conversions }) };
  const processManagers = [
    createPayoutBalanceManager(balances),
    createConversionStarter({ eventStore, clock, chain: gateways.chain }),
    createConversionAllocator(balances),
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
