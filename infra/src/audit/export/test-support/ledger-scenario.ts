// Test helper (not product code): one of every way money moves, through createMoneyFlow.
import { hashOf, units, type MoneyFlow } from './money-flow.ts';

export const SWAP = { exchangeId: 'cn-ex-0001', swapTx: hashOf(11), payoutHash: hashOf(12) };
export const DIRECT_HASH = hashOf(21);
export const CONVERSION = { conversionId: 'conversion-eth-1', exchangeId: 'cn-ex-0002', swapTx: hashOf(31), payoutHash: hashOf(32) };

/**
 * Owner 1001 (ch-a) is paid twice and paid out once through ChangeNOW; owner 1002 (ch-b) is paid
 * out directly, then a second payout fails (its share stays pending, in payout); owners 1003 and
 * 1004 are paid in ETH, whose shares leave together in one conversion and come back as
 * 10.000001 USDTERC20, allocated 6.666667 and 3.333334 by the largest remainder.
 */
export const seedLedgerScenario = async (flow: MoneyFlow): Promise<void> => {
  const a = await flow.pay('p1', 'ch-a', '1001', 1_000_000n, 250);
  const b = await flow.pay('p2', 'ch-a', '1001', 2_000_000n, 250);
  const c = await flow.pay('p3', 'ch-b', '1002', 4_000_000n, 500);
  await flow.payOut('ch-a-usdttrc20-1', 'ch-a', '1001', ['p1', 'p2'], a + b, { kind: 'swap', ...SWAP, delivered: units(2_900_000n, 'USDTMATIC') });
  await flow.payOut('ch-b-usdttrc20-1', 'ch-b', '1002', ['p3'], c, { kind: 'direct', hash: DIRECT_HASH });
  const d = await flow.pay('p4', 'ch-b', '1002', 3_000_000n, 500);
  await flow.payOut('ch-b-usdttrc20-2', 'ch-b', '1002', ['p4'], d, { kind: 'swap', exchangeId: 'cn-ex-0003', swapTx: hashOf(41), payoutHash: hashOf(42), delivered: units(d, 'USDTMATIC') }, false);
  const e1 = await flow.pay('e1', 'ch-c', '1003', 2n * 10n ** 15n, 0, 'ETH');
  const e2 = await flow.pay('e2', 'ch-d', '1004', 10n ** 15n, 0, 'ETH');
  const { conversionId, exchangeId, swapTx, payoutHash } = CONVERSION;
  await flow.convert(
    conversionId,
    [
      { channelId: 'ch-c', paymentId: 'e1', amount: e1, allocation: 6_666_667n },
      { channelId: 'ch-d', paymentId: 'e2', amount: e2, allocation: 3_333_334n },
    ],
    10_000_001n,
    exchangeId,
    swapTx,
    payoutHash,
  );
};
