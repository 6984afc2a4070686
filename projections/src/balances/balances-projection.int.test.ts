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
const zero = { convertedIn: usdt(0n), convertedOut: usdt(0n) };

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
      { channelId: 'ch2', ownerId: '1001', currency: 'USDTTRC20', received: usdt(2_000_000n), fees: usdt(100_000n), pending: usdt(b), inPayout: usdt(b), paidOut: usdt(0n), ...zero },
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
        ...zero,
      },
      { ownerId: null, currency: 'USDTTRC20', channels: 1, received: usdt(3_000_000n), fees: usdt(150_000n), pending: usdt(2_850_000n), inPayout: usdt(0n), paidOut: usdt(0n), ...zero },
    ]);
    expect(await listOwnerBalances(h.db, LIVE, { ownerId: '1002' })).toEqual([]);
    expect((await listChannelBalances(h.db, LIVE, { ownerId: '1001' })).map((row) => row.channelId)).toEqual(['ch1', 'ch2']);
  });

  it('given a conversion shared by two channels, allocated unevenly, when it is projected event by event, then ETH is converted out and USDT converted in, owners summed', async () => {
    const log = createPayoutLog();
    const eth = (amount: bigint) => ({ amount, currency: 'ETH', decimals: 18 });
    const usdterc20 = (amount: bigint) => ({ amount, currency: 'USDTERC20', decimals: 6 });
    const a = log.split('e1', 'ch7', 2_000n, 0, '1007', 'ETH');
    const b = log.split('e2', 'ch8', 1_000n, 0, '1008', 'ETH');
    log.pool('ch7', 'e1', a);
    log.pool('ch8', 'e2', b);
    log.conversionStarted('conversion-eth-1', [
      { channelId: 'ch7', paymentIds: ['e1'], amount: a },
      { channelId: 'ch8', paymentIds: ['e2'], amount: b },
    ]);
    log.startConversion('conversion-eth-1', ['e1', 'e2'], a + b);
    log.sentConversion('conversion-eth-1', a + b, 10n);
    log.allocate('ch7', 'conversion-eth-1', ['e1'], 7n, a, 7n);
    log.allocate('ch8', 'conversion-eth-1', ['e2'], 3n, b, 3n);
    log.batch('ch7', 'ch7-usdterc20-1', ['e1'], 7n, 'USDTERC20');
    log.start('ch7-usdterc20-1', 'ch7', '1007', ['e1'], 7n, 'USDTERC20');
    log.sent('ch7-usdterc20-1', 'ch7', '1007', 7n, 'USDTERC20');
    for (const event of log.events) await h.append({ [event.streamId]: [{ type: event.type, data: event.data }] });

    const ethZero = { inPayout: eth(0n), paidOut: eth(0n), pending: eth(0n), fees: eth(0n), convertedIn: eth(0n) };
    expect(await listChannelBalances(h.db, LIVE, { channelId: 'ch7' })).toEqual([
      { channelId: 'ch7', ownerId: '1007', currency: 'ETH', ...ethZero, received: eth(2_000n), convertedOut: eth(2_000n) },
      {
        channelId: 'ch7',
        ownerId: '1007',
        currency: 'USDTERC20',
        received: usdterc20(0n),
        fees: usdterc20(0n),
        pending: usdterc20(0n),
        inPayout: usdterc20(0n),
        paidOut: usdterc20(7n),
        convertedIn: usdterc20(7n),
        convertedOut: usdterc20(0n),
      },
    ]);
    expect((await listOwnerBalances(h.db, LIVE, { ownerId: '1008' })).map((row) => [row.currency, row.pending.amount, row.convertedIn.amount, row.convertedOut.amount])).toEqual([
      ['ETH', 0n, 0n, 1_000n],
      ['USDTERC20', 3n, 3n, 0n],
    ]);
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});
