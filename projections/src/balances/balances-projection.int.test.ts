import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { createPayoutLog } from '../test-support/payout-log.ts';
import { listChannelBalances, listOwnerBalances } from './balance-queries.ts';
import { balancesProjection } from './balances-projection.ts';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(balancesProjection, 'paygate_proj_balances');
});
afterAll(() => h?.close());

const usdt = (amount: bigint) => ({ amount, currency: 'USDTTRC20', decimals: 6 });

describe('owner balances projection', () => {
  it('per channel and per owner over channels, exactly, across batches of the runner', async () => {
    const log = createPayoutLog();
    const a = log.split('p1', 'ch1', 10n ** 24n, 500, '1001');
    const b = log.split('p2', 'ch2', 2_000_000n, 500, '1001');
    log.split('p3', 'ch3', 3_000_000n, 500);
    log.batch('ch1', 'ch1-usdttrc20-1', ['p1'], a);
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', a);
    log.batch('ch2', 'ch2-usdttrc20-1', ['p2'], b);
    for (const event of log.events) await h.append({ [event.streamId]: [{ type: event.type, data: event.data }] });

    expect(await listChannelBalances(h.db, LIVE, { channelId: 'ch2' })).toEqual([
      { channelId: 'ch2', ownerId: '1001', currency: 'USDTTRC20', received: usdt(2_000_000n), fees: usdt(100_000n), pending: usdt(b), inPayout: usdt(b), paidOut: usdt(0n) },
    ]);
    expect(await listOwnerBalances(h.db, LIVE)).toEqual([
      {
        ownerId: '1001',
        currency: 'USDTTRC20',
        channels: 2,
        received: usdt(10n ** 24n + 2_000_000n),
        fees: usdt(5n * 10n ** 22n + 100_000n),
        pending: usdt(b),
        inPayout: usdt(b),
        paidOut: usdt(a),
      },
      { ownerId: null, currency: 'USDTTRC20', channels: 1, received: usdt(3_000_000n), fees: usdt(150_000n), pending: usdt(2_850_000n), inPayout: usdt(0n), paidOut: usdt(0n) },
    ]);
    expect(await listOwnerBalances(h.db, LIVE, { ownerId: '1002' })).toEqual([]);
    expect((await listChannelBalances(h.db, LIVE, { ownerId: '1001' })).map((row) => row.channelId)).toEqual(['ch1', 'ch2']);
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});
