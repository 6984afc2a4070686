import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../cli/test-support/spawn-paygate.ts';
import type { PayoutJson } from '../cli/commands/payouts-list.ts';
import { ownerWallet, startPayoutWorld, type PayoutWorld } from '../payouts/test-support/payout-world.ts';
import { deleteStreams } from '../relay/test-support/jetstream-contents.ts';

const OPERATOR_KEY = 'op-key-payouts-e2e-5d1c8a7b';

/** Decimal text of `units` with `decimals` places, as the CLI prints money. */
const decimalOf = (units: bigint, decimals: number): string => {
  const text = units.toString().padStart(decimals + 1, '0');
  const whole = text.slice(0, -decimals);
  const fraction = text.slice(-decimals).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
};

describe('payouts, end to end: sandbox payment → split → balance → ChangeNOW simulator → local chain → PayoutSent', () => {
  let database: TestDatabase;
  let dataDir: string;
  let world: PayoutWorld;
  let server: PaygateProcess;
  let env: Record<string, string>;
  const stream = uniqueName('PAYOUTS');

  const cli = async (...args: string[]) => {
    const run = spawnPaygate(args, env);
    const { code } = await exitWithin(run.exited, 60_000, `paygate ${args.join(' ')}`);
    if (code !== 0) throw new Error(`paygate ${args.join(' ')} exited ${code}: ${run.stderr()}`);
    return run.stdout();
  };
  const payoutsOf = async (channelId: string) => JSON.parse(await cli('payouts', 'list', '--channel', channelId, '--json')) as PayoutJson[];
  const pay = async (channelId: string, userId: string) => {
    const invoice = JSON.parse(await cli('invoice', 'create', '--channel', channelId, '--tier', 'monthly', '--user', userId, '--json')) as { invoiceId: string };
    await cli('sandbox', 'pay', invoice.invoiceId, '--json');
  };
  const setUpChannel = async (channelId: string, chatId: string, owner: string, wallet: string[]) => {
    await cli('channel', 'register', `--chat-id=${chatId}`, '--owner', owner, '--title', `Channel ${channelId}`, '--channel-id', channelId);
    await cli('tier', 'set', '--channel', channelId, '--name', 'Monthly', '--price-usd', '12.50', '--days', '30');
    await cli('payout-settings', 'set', '--channel', channelId, ...wallet);
  };
  const sentPayouts = (channelId: string, count: number) =>
    waitFor(
      `${count} payout(s) of ${channelId} sent`,
      async () => {
        const payouts = await payoutsOf(channelId);
        const failed = payouts.find((payout) => payout.status === 'failed' || payout.status === 'held');
        if (failed) throw new Error(`payout ${failed.payoutId} is ${failed.status}: ${failed.statusReason}`);
        return payouts.length === count && payouts.every((payout) => payout.status === 'sent') ? payouts : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );

  beforeAll(async () => {
    world = await startPayoutWorld({ blockTimeSeconds: 1 });
    database = await createTestDatabase('e2e_payouts');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-payouts-'));
    env = cleanEnv({
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
      PORT: '0',
      HOST: '127.0.0.1',
      PAYGATE_DATA_DIR: dataDir,
      PAYGATE_OPERATOR_KEY: OPERATOR_KEY,
      PLATFORM_FEE_BPS: '500',
      PAYOUT_CONFIRMATIONS: '2',
      ...world.env,
    });
    server = spawnPaygate(['start'], env);
    await waitFor('paygate start listening', () => server.stdout().includes('PayGate listening on'), { timeoutMs: 60_000 });
  }, 120_000);

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await exitWithin(server.exited, 30_000, 'paygate start').catch(() => server.child.kill('SIGKILL'));
    }
    await world?.stop();
    await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('instant, swap route: the owner share is swapped to USDT on Polygon and lands in the owner wallet, exactly as recorded', async () => {
    const wallet = ownerWallet(0);
    await setUpChannel('ch_swap', '-1001000000001', '4001', ['--wallet', wallet, '--currency', 'USDTMATIC', '--network', 'polygon']);
    await pay('ch_swap', '9001');
    const [payout] = await sentPayouts('ch_swap', 1);
    expect(payout).toMatchObject({ route: 'swap', status: 'sent', wallet: { address: wallet, currency: 'USDTMATIC', network: 'polygon' } });
    // 12.50 USD paid in USDT (ERC-20), 5% platform fee: the owner share left the balance, the swap's output reached the wallet.
    const onChain = await world.tokenBalance('USDTMATIC', wallet);
    expect(payout!.received).toEqual({ amount: decimalOf(onChain, 6), currency: 'USDTMATIC' });
    const toPayin = (await world.hostTransfers()).filter((transfer) => transfer.to === payout!.payinAddress!.toLowerCase());
    expect(toPayin).toHaveLength(1);
    expect(toPayin[0]).toMatchObject({ currency: 'USDTERC20', status: 'success' });
    expect(decimalOf(toPayin[0]!.amount, 6)).toBe(payout!.amount.amount);
  }, 120_000);

  it('instant, direct route: a wallet taking the settled currency on the host network is paid by one transfer from the host wallet', async () => {
    const wallet = ownerWallet(1);
    await setUpChannel('ch_direct', '-1001000000002', '4002', ['--wallet', wallet, '--currency', 'USDTERC20', '--network', 'ethereum']);
    await pay('ch_direct', '9002');
    const [payout] = await sentPayouts('ch_direct', 1);
    expect(payout).toMatchObject({ route: 'direct', exchangeId: null });
    const transfers = (await world.hostTransfers()).filter((transfer) => transfer.to === wallet.toLowerCase());
    expect(transfers).toHaveLength(1);
    expect(decimalOf(await world.tokenBalance('USDTERC20', wallet), 6)).toBe(payout!.amount.amount);
    expect(transfers[0]!.hash).toBe(payout!.payoutHash);
  }, 120_000);

  it('threshold: shares wait until their sum reaches the threshold, then leave together in one payout', async () => {
    const wallet = ownerWallet(2);
    await setUpChannel('ch_threshold', '-1001000000003', '4003', ['--wallet', wallet, '--currency', 'USDTERC20', '--network', 'ethereum', '--strategy', 'threshold', '--threshold-usd', '20']);
    await pay('ch_threshold', '9003');
    // One share (about 11.87 USDT) is below 20 USD: nothing leaves.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await payoutsOf('ch_threshold')).toEqual([]);
    await pay('ch_threshold', '9004');
    const [payout] = await sentPayouts('ch_threshold', 1);
    expect(payout!.paymentIds).toHaveLength(2);
    expect(decimalOf(await world.tokenBalance('USDTERC20', wallet), 6)).toBe(payout!.amount.amount);
  }, 120_000);

  it('the ledger balances for every owner, and balances show what was paid', async () => {
    const ledger = spawnPaygate(['ledger', 'check', '--json'], env);
    const { code } = await exitWithin(ledger.exited, 60_000, 'paygate ledger check');
    expect(code, ledger.stdout() + ledger.stderr()).toBe(0);
    const balances = JSON.parse(await cli('balances', '--json')) as unknown;
    expect(JSON.stringify(balances)).toContain('4003');
  }, 60_000);
});
