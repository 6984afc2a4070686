import { isPayGateError, type ChannelPayoutSettings, type EventStore, type PayoutExchange } from '@paygate/domain';
import { loadBalance } from './balance-manager.ts';
import type { PayoutPipeline, PayoutPipelineLogger } from './payout-pipeline.ts';
import { runBalanceCommand } from './payout-streams.ts';
import { releaseRule } from './release-rule.ts';

export type PayoutSweeperDeps = {
  eventStore: EventStore;
  clock: () => Date;
  pipeline: Pick<PayoutPipeline, 'advance'>;
  exchange: Pick<PayoutExchange, 'estimateStandard'>;
  payoutSettingsFor(channelId: string): Promise<ChannelPayoutSettings>;
  /** Payouts still running (from the payouts read model). */
  runningPayouts(): Promise<readonly string[]>;
  /** Channel balances with shares not in a payout yet (from the balances read model). */
  waitingBalances(): Promise<readonly { channelId: string; currency: string }[]>;
  logger: PayoutPipelineLogger;
  /** Default 1 s: a confirmation or a finished exchange is seen at most that late. */
  intervalMs?: number;
};

const ADVANCES_AT_ONCE = 16;

export type PayoutSweeper = { sweep(): Promise<void>; stop(): Promise<void> };

/**
 * The payouts' heartbeat, in one workers process at a time: advances every running payout (a
 * transfer waiting for confirmations, an exchange still exchanging, a step waiting out its
 * backoff) and releases balances that may leave now (a wallet change whose hold ended, a lifted
 * hold, a new strategy). Events decide everything; the read models only say where to look.
 */
export const startPayoutSweeper = (deps: PayoutSweeperDeps): PayoutSweeper => {
  const release = async ({ channelId, currency }: { channelId: string; currency: string }) => {
    const [settings, balance] = await Promise.all([deps.payoutSettingsFor(channelId), loadBalance(deps.eventStore, channelId, currency)]);
    if (settings.blockedBy !== null || balance.currency === undefined || balance.decimals === undefined) return;
    const money = { amount: balance.balance, currency: balance.currency, decimals: balance.decimals };
    const rule = await releaseRule(settings, money, deps.exchange);
    await runBalanceCommand(deps.eventStore, channelId, currency, { type: 'ReleasePayout', data: { channelId, release: rule, releasedAt: deps.clock().toISOString() } });
  };
  const sweep = async () => {
    for (const balance of await deps.waitingBalances()) {
      await release(balance).catch((error: unknown) => {
        if (!(isPayGateError(error) && error.kind === 'conflict')) deps.logger.warn({ ...balance, err: String(error) }, 'could not release a balance');
      });
    }
    // A few at a time: each advance talks to the node and ChangeNOW, whose rate limits are the budget.
    const running = [...(await deps.runningPayouts())];
    for (let start = 0; start < running.length; start += ADVANCES_AT_ONCE) {
      await Promise.all(running.slice(start, start + ADVANCES_AT_ONCE).map((payoutId) => deps.pipeline.advance(payoutId)));
    }
  };
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (stopped) return;
    current = sweep()
      .catch((error: unknown) => deps.logger.warn({ err: String(error) }, 'payout sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, deps.intervalMs ?? 1_000);
      });
  };
  loop();
  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
};
