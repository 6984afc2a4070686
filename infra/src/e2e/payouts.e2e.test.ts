import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerWallet } from '../payouts/test-support/payout-world.ts';
import { decimalOf, walletArgs } from '../payouts/test-support/payout-cli.ts';
import { startPayoutHarness, type PayoutHarness } from '../payouts/test-support/payout-harness.ts';

describe('payouts, end to end: sandbox payment → split → balance → ChangeNOW simulator → local chain → PayoutSent', () => {
  let bench: PayoutHarness;

  beforeAll(async () => {
    bench = await startPayoutHarness({ name: 'e2e_payouts' });
    await bench.start();
  }, 120_000);

  afterAll(() => bench?.close());

  it('instant, swap route: the owner share is swapped to USDT on Polygon and lands in the owner wallet, exactly as recorded', async () => {
    const wallet = ownerWallet(0);
    await bench.setUpChannel('ch_swap', '-1001000000001', '4001', walletArgs('swap', wallet));
    await bench.pay('ch_swap', '9001');
    const [payout] = await bench.sentPayouts('ch_swap', 1);
    expect(payout).toMatchObject({ route: 'swap', status: 'sent', wallet: { address: wallet, currency: 'USDTMATIC', network: 'polygon' } });
    // 12.50 USD paid in USDT (ERC-20), 5% platform fee: the owner share left the balance, the swap's output reached the wallet.
    const onChain = await bench.world.tokenBalance('USDTMATIC', wallet);
    expect(payout!.received).toEqual({ amount: decimalOf(onChain, 6), currency: 'USDTMATIC' });
    const toPayin = await bench.transfersTo(payout!.payinAddress!);
    expect(toPayin).toHaveLength(1);
    expect(toPayin[0]).toMatchObject({ currency: 'USDTERC20', status: 'success' });
    expect(decimalOf(toPayin[0]!.amount, 6)).toBe(payout!.amount.amount);
  }, 120_000);

  it('instant, direct route: a wallet taking the settled currency on the host network is paid by one transfer from the host wallet', async () => {
    const wallet = ownerWallet(1);
    await bench.setUpChannel('ch_direct', '-1001000000002', '4002', walletArgs('direct', wallet));
    await bench.pay('ch_direct', '9002');
    const [payout] = await bench.sentPayouts('ch_direct', 1);
    expect(payout).toMatchObject({ route: 'direct', exchangeId: null });
    const transfers = await bench.transfersTo(wallet);
    expect(transfers).toHaveLength(1);
    expect(decimalOf(await bench.world.tokenBalance('USDTERC20', wallet), 6)).toBe(payout!.amount.amount);
    expect(transfers[0]!.hash).toBe(payout!.payoutHash);
  }, 120_000);

  it('threshold: shares wait until their sum reaches the threshold, then leave together in one payout', async () => {
    const wallet = ownerWallet(2);
    await bench.setUpChannel('ch_threshold', '-1001000000003', '4003', [...walletArgs('direct', wallet), '--strategy', 'threshold', '--threshold-usd', '20']);
    await bench.pay('ch_threshold', '9003');
    // One share (about 11.87 USDT) is below 20 USD: nothing leaves.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await bench.payoutsOf('ch_threshold')).toEqual([]);
    await bench.pay('ch_threshold', '9004');
    const [payout] = await bench.sentPayouts('ch_threshold', 1);
    expect(payout!.paymentIds).toHaveLength(2);
    expect(decimalOf(await bench.world.tokenBalance('USDTERC20', wallet), 6)).toBe(payout!.amount.amount);
  }, 120_000);

  it('the ledger balances for every owner, and balances show what was paid', async () => {
    const ledger = await bench.ledgerCheck();
    expect(ledger.code, ledger.stdout + ledger.stderr).toBe(0);
    const balances = JSON.parse(await bench.cli('balances', '--json')) as unknown;
    expect(JSON.stringify(balances)).toContain('4003');
  }, 60_000);
});
