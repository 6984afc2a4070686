import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { createPayoutLog, txHash, WALLET } from '../test-support/payout-log.ts';
import { findPayout, listPayouts, listRunningPayouts } from './payout-queries.ts';
import { payoutsProjection } from './payouts-projection.ts';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(payoutsProjection, 'paygate_proj_payouts');
});
afterAll(() => h?.close());

const log = createPayoutLog();
/** Appends what the log recorded since the last call, event by event in log order (streams interleave). */
let appended = 0;
const appendNew = async () => {
  for (const event of log.events.slice(appended)) await h.append({ [event.streamId]: [{ type: event.type, data: event.data }] });
  appended = log.events.length;
};

const usdt = (amount: bigint) => ({ amount, currency: 'USDTTRC20', decimals: 6 });

describe('payouts projection', () => {
  it('a payout from its batch to the money received, exactly, with every transfer candidate', async () => {
    log.batch('ch1', 'ch1-usdttrc20-1', ['p1', 'p2'], 9_007_199_254_740_993n);
    log.start('ch1-usdttrc20-1', 'ch1', '1001', ['p1', 'p2'], 9_007_199_254_740_993n);
    log.signed('ch1-usdttrc20-1', txHash(1), 3);
    log.signed('ch1-usdttrc20-1', txHash(2), 3, txHash(1));
    log.executed('ch1-usdttrc20-1', txHash(2), 77);
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', 9_007_199_254_740_993n, 'USDTTRC20', { amount: '42', currency: 'USDTMATIC', decimals: 6 });
    await appendNew();
    expect(await findPayout(h.db, LIVE, 'ch1-usdttrc20-1')).toMatchObject({
      payoutId: 'ch1-usdttrc20-1',
      channelId: 'ch1',
      ownerId: '1001',
      amount: usdt(9_007_199_254_740_993n),
      paymentIds: ['p1', 'p2'],
      wallet: WALLET,
      route: 'swap',
      status: 'sent',
      transfers: [
        { hash: txHash(1), nonce: 3, to: WALLET.address, replaces: null, signedAt: expect.any(String) },
        { hash: txHash(2), nonce: 3, to: WALLET.address, replaces: txHash(1), signedAt: expect.any(String) },
      ],
      executed: { txHash: txHash(2), blockNumber: 77 },
      payoutHash: txHash(9999),
      received: { amount: 42n, currency: 'USDTMATIC', decimals: 6 },
      sentAt: expect.any(String),
    });
    expect(await findPayout(h.db, LIVE, 'nope')).toBeUndefined();
  });

  it('lists by channel, owner and status, newest change first, in keyset pages; running ones for the sweeper', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      log.batch('ch2', `ch2-usdttrc20-${n}`, [`q${n}`], BigInt(n));
      log.start(`ch2-usdttrc20-${n}`, 'ch2', '1002', [`q${n}`], BigInt(n));
    }
    log.held('ch2-usdttrc20-2');
    log.failed('ch2-usdttrc20-3');
    log.batch('ch3', 'ch3-usdttrc20-1', ['r1'], 10n);
    await appendNew();
    const ids = async (filter: Parameters<typeof listPayouts>[2]) => (await listPayouts(h.db, LIVE, filter)).items.map((payout) => payout.payoutId);
    expect(await ids({ channelId: 'ch2' })).toEqual(['ch2-usdttrc20-3', 'ch2-usdttrc20-2', 'ch2-usdttrc20-5', 'ch2-usdttrc20-4', 'ch2-usdttrc20-1']);
    expect(await ids({ status: 'held' })).toEqual(['ch2-usdttrc20-2']);
    expect(await ids({ ownerId: '1001' })).toEqual(['ch1-usdttrc20-1']);
    expect(await ids({ status: 'failed', channelId: 'ch1' })).toEqual([]);
    const seen: string[] = [];
    let page = await listPayouts(h.db, LIVE, { limit: 2 });
    seen.push(...page.items.map((payout) => payout.payoutId));
    while (page.next) {
      page = await listPayouts(h.db, LIVE, { limit: 2, after: page.next });
      seen.push(...page.items.map((payout) => payout.payoutId));
    }
    expect(seen).toEqual(await ids({ limit: 100 }));
    expect(seen).toHaveLength(7);
    // Least recently changed first; held, failed and sent wait for nobody's sweep. A batch whose PayoutStarted never came is there too.
    expect((await listRunningPayouts(h.db, LIVE)).map((payout) => [payout.payoutId, payout.ownerId])).toEqual([
      ['ch2-usdttrc20-1', '1002'],
      ['ch2-usdttrc20-4', '1002'],
      ['ch2-usdttrc20-5', '1002'],
      ['ch3-usdttrc20-1', null],
    ]);
    await expect(listPayouts(h.db, LIVE, { limit: 101 })).rejects.toThrow(/limit must be an integer from 1 to 100/);
  });

  it('given a conversion, when it is started and sent, then it is listed with purpose conversion and no owner', async () => {
    log.startConversion('conversion-eth-1', ['e1', 'e2'], 3_000n);
    log.sentConversion('conversion-eth-1', 3_000n, 10n);
    await appendNew();
    expect(await findPayout(h.db, LIVE, 'conversion-eth-1')).toMatchObject({
      payoutId: 'conversion-eth-1',
      channelId: 'platform',
      ownerId: null,
      purpose: 'conversion',
      amount: { amount: 3_000n, currency: 'ETH', decimals: 18 },
      received: { amount: 10n, currency: 'USDTERC20', decimals: 6 },
      status: 'sent',
    });
    expect(await findPayout(h.db, LIVE, 'ch1-usdttrc20-1')).toMatchObject({ purpose: null });
    expect((await listPayouts(h.db, LIVE, { channelId: 'platform' })).items.map((payout) => [payout.payoutId, payout.purpose])).toEqual([['conversion-eth-1', 'conversion']]);
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});
