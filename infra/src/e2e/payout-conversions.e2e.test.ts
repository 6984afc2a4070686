import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerWallet } from '../payouts/test-support/payout-world.ts';
import { decimalOf, unitsOf, walletArgs, type ShownEvent } from '../payouts/test-support/payout-cli.ts';
import { startPayoutHarness, type PayoutHarness } from '../payouts/test-support/payout-harness.ts';

// NOWPayments settles in ETH here (the host wallet's first currency): threshold owners' shares are
// pooled and converted into USDT together, and the output is allocated back to each channel.
describe('micro-batched conversions, end to end: ETH shares pooled → one ChangeNOW conversion → allocated → threshold payout in USDT', () => {
  let bench: PayoutHarness;

  beforeAll(async () => {
    bench = await startPayoutHarness({ name: 'e2e_conversions', env: { HOST_WALLET_CURRENCIES: 'ETH,USDTERC20', MICROBATCH_MIN_USD: '15' } });
    await bench.start();
  }, 120_000);

  afterAll(() => bench?.close());

  it('two owners’ small ETH shares convert together once worth 15 USD; the allocations sum to the conversion; 20 USD leaves to the owner', { timeout: 240_000 }, async () => {
    const walletA = ownerWallet(3);
    const threshold = ['--strategy', 'threshold', '--threshold-usd', '20'];
    await bench.setUpChannel('ch_conv_a', '-1001000000011', '4011', [...walletArgs('direct', walletA), ...threshold]);
    await bench.setUpChannel('ch_conv_b', '-1001000000012', '4012', [...walletArgs('direct', ownerWallet(4)), ...threshold]);

    // About 11.87 USD of ETH each: one alone stays in the pool, two are worth more than 15 USD.
    await bench.pay('ch_conv_a', '9011');
    await bench.pay('ch_conv_b', '9012');
    const [first] = await bench.sentPayouts('platform', 1);
    expect(first).toMatchObject({ route: 'swap', ownerId: null, amount: { currency: 'ETH' }, received: { currency: 'USDTERC20' } });
    expect(first!.paymentIds).toHaveLength(2);

    // Each channel's allocation is recorded once, and together they are exactly what the conversion yielded.
    const allocations = async (channelId: string) => {
      const events = (JSON.parse(await bench.cli('events', '--stream', `payout-accumulation-${channelId}-usdterc20`, '--json')) as ShownEvent[]).filter((event) => event.type === 'PayoutAccumulated');
      return events.map((event) => event.data as { conversionId: string; amount: { amount: string } });
    };
    const [a1] = await allocations('ch_conv_a');
    const [b1] = await allocations('ch_conv_b');
    expect(a1?.conversionId).toBe(first!.payoutId);
    expect(decimalOf(BigInt(a1!.amount.amount) + BigInt(b1!.amount.amount), 6)).toBe(decimalOf(unitsOf(first!.received!.amount, 6), 6));
    expect(await bench.payoutsOf('ch_conv_a')).toEqual([]); // about 11.7 USDT: below the 20 USD threshold

    // A second round: the second conversion takes channel A past its threshold, and its USDT leaves to the owner.
    await bench.pay('ch_conv_a', '9013');
    await bench.pay('ch_conv_b', '9014');
    await bench.sentPayouts('platform', 2);
    const [payoutA] = await bench.sentPayouts('ch_conv_a', 1);
    expect(payoutA).toMatchObject({ route: 'direct', amount: { currency: 'USDTERC20' } });
    expect(payoutA!.paymentIds).toHaveLength(2); // channel A's two payments, through two conversions
    expect(decimalOf(await bench.world.tokenBalance('USDTERC20', walletA), 6)).toBe(payoutA!.amount.amount);

    const ledger = await bench.run('ledger', 'check');
    expect(ledger.code, ledger.stdout + ledger.stderr).toBe(0);
  });
});
