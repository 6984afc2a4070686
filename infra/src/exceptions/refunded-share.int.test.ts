import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayoutBalanceManager } from '@paygate/commands';
import { money, payoutAccumulationStreamId, splitStreamId, type ChannelPayoutSettings } from '@paygate/domain';
import { waitFor } from '@paygate/testkit';
import { runLedgerCheck } from '../cli/commands/ledger-check.ts';
import { startMoneyWorld, WAIT, type MoneyWorld } from './test-support/money-world.ts';

// A threshold owner's share waits in the channel's balance; the payment is refunded before the
// threshold is reached. Through the real path (sandbox, webhook, relay, broker, split and
// balance managers over PostgreSQL): the share leaves the balance, the next share alone does
// not reach the threshold (so no payout pays the refunded one), and the ledger balances.

let w: MoneyWorld;
const CHANNEL = 'ch_refunded_share';
const settings: ChannelPayoutSettings = {
  channelId: CHANNEL,
  ownerId: '1001',
  wallet: { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' } as unknown as ChannelPayoutSettings['wallet'],
  pendingChange: null,
  // Two shares (about 11.82 USDT each) reach it, one does not.
  strategy: { strategy: 'threshold', threshold: money(20_00n, 'USD') },
  payoutsHeld: null,
  blockedBy: null,
};
beforeAll(async () => {
  w = await startMoneyWorld(CHANNEL, {}, (h) => [
    createPayoutBalanceManager({
      eventStore: h.eventStore,
      clock: () => new Date(),
      exchange: { estimateStandard: () => Promise.reject(new Error('a stable coin needs no estimate')) },
      payoutSettingsFor: () => Promise.resolve(settings),
    }),
  ]);
});
afterAll(async () => {
  await w?.close();
});

const balanceTypes = async () => (await w.stream(payoutAccumulationStreamId(CHANNEL, 'USDTTRC20'))).map((event) => event.type);

describe('a refund of a share waiting under the threshold', () => {
  it('takes the share out of the balance: the next payment alone starts no payout, the ledger balances', async () => {
    const first = await w.buy('Tom');
    const paid = await w.h.sandbox.pay(first.invoiceId);
    await waitFor('the share accumulated', async () => (await balanceTypes()).includes('PayoutAccumulated'), WAIT);
    await w.h.sandbox.refund(paid.paymentId);
    await waitFor('the split reversed', async () => (await w.stream(splitStreamId(String(paid.paymentId)))).some((event) => event.type === 'SplitReversed'), WAIT);
    await waitFor('the share taken back', async () => (await balanceTypes()).includes('PayoutAccumulationReversed'), WAIT);

    const second = await w.buy('Uma');
    const paidAgain = await w.h.sandbox.pay(second.invoiceId);
    await waitFor('the second share accumulated', async () => (await balanceTypes()).filter((type) => type === 'PayoutAccumulated').length === 2, WAIT);
    // Without the take-back the two shares would reach 20 USD and leave in a payout with the refunded one.
    expect(await balanceTypes()).toEqual(['PayoutAccumulated', 'PayoutAccumulationReversed', 'PayoutAccumulated']);
    const last = (await w.stream(payoutAccumulationStreamId(CHANNEL, 'USDTTRC20'))).at(-1)!;
    expect(last.data).toMatchObject({ paymentIds: [String(paidAgain.paymentId)], balance: { amount: (last.data as { amount: { amount: string } }).amount.amount } });

    await w.settle();
    const check = await runLedgerCheck(w.db, w.h.eventStore);
    expect(check.discrepancies).toEqual([]);
    expect(check.ledger.accounts).toEqual([expect.objectContaining({ channelId: CHANNEL, pending: BigInt((last.data as { balance: { amount: string } }).balance.amount), paidOut: 0n })]);
    expect(await w.h.broker.deadLetters.list()).toEqual([]);
  });
});
