// Test helper (not product code): drive a spawned PayGate through its CLI for the payout tests.
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

export const payoutCli = (env: () => Record<string, string>) => {
  const cli = async (...args: string[]) => {
    const run = spawnPaygate(args, env());
    const { code } = await exitWithin(run.exited, 60_000, `paygate ${args.join(' ')}`);
    if (code !== 0) throw new Error(`paygate ${args.join(' ')} exited ${code}: ${run.stderr()}`);
    return run.stdout();
  };
  const payoutsOf = async (channelId: string) => JSON.parse(await cli('payouts', 'list', '--channel', channelId, '--json')) as PayoutJson[];
  return {
    cli,
    payoutsOf,
    pay: async (channelId: string, userId: string) => {
      const invoice = JSON.parse(await cli('invoice', 'create', '--channel', channelId, '--tier', 'monthly', '--user', userId, '--json')) as { invoiceId: string };
      await cli('sandbox', 'pay', invoice.invoiceId, '--json');
    },
    setUpChannel: async (channelId: string, chatId: string, owner: string, wallet: string[]) => {
      await cli('channel', 'register', `--chat-id=${chatId}`, '--owner', owner, '--title', `Channel ${channelId}`, '--channel-id', channelId);
      await cli('tier', 'set', '--channel', channelId, '--name', 'Monthly', '--price-usd', '12.50', '--days', '30');
      await cli('payout-settings', 'set', '--channel', channelId, ...wallet);
    },
    /** Waits until `channelId` has `count` payouts, all sent; fails at once on a held or failed one. */
    sentPayouts: (channelId: string, count: number) =>
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
  };
};
