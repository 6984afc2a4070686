// Test helper (not product code): the `paygate` CLI as the payout tests drive it: set up channels,
// pay, and read payouts, events and the ledger; plus the money and event helpers to check them.
import { waitFor } from '@paygate/testkit';
import { exitWithin, spawnPaygate } from '../../cli/test-support/spawn-paygate.ts';
import type { PayoutJson } from '../../cli/commands/payouts-list.ts';

/** Decimal text of `units` with `decimals` places, as the CLI prints money. */
export const decimalOf = (units: bigint, decimals: number): string => {
  const text = units.toString().padStart(decimals + 1, '0');
  const whole = text.slice(0, -decimals);
  const fraction = text.slice(-decimals).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
};

/** Units of a decimal text with `decimals` places (the inverse of decimalOf). */
export const unitsOf = (text: string, decimals: number): bigint => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(`${whole}${fraction.padEnd(decimals, '0').slice(0, decimals)}`);
};

/** How an owner's share reaches the wallet: swapped through ChangeNOW, or one transfer from the host wallet. */
export type Route = 'swap' | 'direct';

/** `payout-settings set` arguments for a wallet on `route`: USDT on Polygon (swapped) or USDT on Ethereum (direct). */
export const walletArgs = (route: Route, address: string): string[] =>
  route === 'swap' ? ['--wallet', address, '--currency', 'USDTMATIC', '--network', 'polygon'] : ['--wallet', address, '--currency', 'USDTERC20', '--network', 'ethereum'];

/** One recorded event as `paygate payouts show --json` prints it. */
export type ShownEvent = { type: string; data: Record<string, unknown> };
export type ShownPayout = { payoutId: string; events: ShownEvent[]; readModel: PayoutJson | null };

/** The event types, in order. */
export const typesOf = (events: readonly ShownEvent[]): string[] => events.map((event) => event.type);

export type CliRun = { code: number | null; stdout: string; stderr: string };

export type PayoutCli = {
  run(...args: string[]): Promise<CliRun>;
  /** Runs the CLI and returns its stdout; throws when it exits non-zero. */
  cli(...args: string[]): Promise<string>;
  /** Registers the channel, a 12.50 USD monthly tier, and its payout settings (`wallet`: see walletArgs). */
  setUpChannel(channelId: string, chatId: string, owner: string, wallet: readonly string[]): Promise<void>;
  /** A sandbox payment of the monthly tier by `userId`. */
  pay(channelId: string, userId: string): Promise<void>;
  payoutsOf(channelId: string): Promise<PayoutJson[]>;
  /** Waits until the channel has one payout whose status is `status` (fails fast on another final status). */
  payoutIn(channelId: string, status: 'sent' | 'held' | 'failed', timeoutMs?: number): Promise<PayoutJson>;
  /** Waits until the channel has `count` payouts, all sent; fails at once on a held or failed one. */
  sentPayouts(channelId: string, count: number): Promise<PayoutJson[]>;
  show(payoutId: string): Promise<ShownPayout>;
  ledgerCheck(): Promise<CliRun>;
};

/** The CLI against the PayGate that `env` points at. */
export const payoutCli = (env: Record<string, string>): PayoutCli => {
  const run = async (...args: string[]): Promise<CliRun> => {
    const child = spawnPaygate(args, env);
    const { code } = await exitWithin(child.exited, 60_000, `paygate ${args.join(' ')}`);
    return { code, stdout: child.stdout(), stderr: child.stderr() };
  };
  const cli = async (...args: string[]) => {
    const result = await run(...args);
    if (result.code !== 0) throw new Error(`paygate ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  };
  const payoutsOf = async (channelId: string) => JSON.parse(await cli('payouts', 'list', '--channel', channelId, '--json')) as PayoutJson[];

  return {
    run,
    cli,
    async setUpChannel(channelId, chatId, owner, wallet) {
      await cli('channel', 'register', `--chat-id=${chatId}`, '--owner', owner, '--title', `Channel ${channelId}`, '--channel-id', channelId);
      await cli('tier', 'set', '--channel', channelId, '--name', 'Monthly', '--price-usd', '12.50', '--days', '30');
      await cli('payout-settings', 'set', '--channel', channelId, ...wallet);
    },
    async pay(channelId, userId) {
      const invoice = JSON.parse(await cli('invoice', 'create', '--channel', channelId, '--tier', 'monthly', '--user', userId, '--json')) as { invoiceId: string };
      await cli('sandbox', 'pay', invoice.invoiceId, '--json');
    },
    payoutsOf,
    payoutIn: (channelId, status, timeoutMs = 90_000) =>
      waitFor(
        `the payout of ${channelId} ${status}`,
        async () => {
          const payouts = await payoutsOf(channelId);
          if (payouts.length > 1) throw new Error(`${channelId} has ${payouts.length} payouts: ${JSON.stringify(payouts)}`);
          const payout = payouts[0];
          if (payout && payout.status !== status && payout.status !== 'running') throw new Error(`payout ${payout.payoutId} is ${payout.status} (${payout.statusReason}), not ${status}`);
          return payout?.status === status ? payout : undefined;
        },
        { timeoutMs, intervalMs: 250 },
      ),
    sentPayouts: (channelId, count) =>
      waitFor(
        `${count} payout(s) of ${channelId} sent`,
        async () => {
          const payouts = await payoutsOf(channelId);
          const stopped = payouts.find((payout) => payout.status === 'failed' || payout.status === 'held');
          if (stopped) throw new Error(`payout ${stopped.payoutId} is ${stopped.status}: ${stopped.statusReason}`);
          return payouts.length === count && payouts.every((payout) => payout.status === 'sent') ? payouts : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      ),
    show: async (payoutId) => JSON.parse(await cli('payouts', 'show', payoutId, '--json')) as ShownPayout,
    ledgerCheck: () => run('ledger', 'check', '--json'),
  };
};
