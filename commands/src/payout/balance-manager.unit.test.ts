import { describe, expect, it } from 'vitest';
import { money, payoutAccumulationStreamId, type ChannelPayoutSettings, type RecordedEvent } from '@paygate/domain';
import { createInMemoryEventStore, testClock } from '@paygate/testkit';
import { createPayoutBalanceManager } from './balance-manager.ts';

// A refunded payment's owner share must never be paid out: a reversal takes a waiting share back
// from the balance, and a share reversed before it was accumulated is never accumulated.

const clock = testClock('2026-01-02T00:00:00.000Z');
const at = '2026-01-02T00:00:00.000Z';
const usdt = (units: bigint) => ({ amount: units.toString(), currency: 'USDTTRC20', decimals: 6 });
const settings = (strategy: ChannelPayoutSettings['strategy']): ChannelPayoutSettings => ({
  channelId: 'ch1',
  ownerId: '1001',
  wallet: { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' } as unknown as ChannelPayoutSettings['wallet'],
  pendingChange: null,
  strategy,
  payoutsHeld: null,
  blockedBy: null,
});
const THRESHOLD = { strategy: 'threshold' as const, threshold: money(50_00n, 'USD') };

const world = (strategy: ChannelPayoutSettings['strategy']) => {
  const eventStore = createInMemoryEventStore({ clock });
  const manager = createPayoutBalanceManager({
    eventStore,
    clock,
    exchange: { estimateStandard: () => Promise.reject(new Error('not used for a stable coin')) },
    payoutSettingsFor: () => Promise.resolve(settings(strategy)),
  });
  const split = { invoiceId: 'inv', channelId: 'ch1', ownerId: '1001' };
  const record = async (type: 'SplitCalculated' | 'SplitReversed', paymentId: string, share: bigint): Promise<RecordedEvent> => {
    const amounts = { gross: usdt(share), fee: usdt(0n), ownerShare: usdt(share) };
    const data =
      type === 'SplitCalculated' ? { paymentId, ...split, ...amounts, feeBps: 0, calculatedAt: at } : { paymentId, ...split, ...amounts, reason: 'refunded', reversedAt: at };
    await eventStore.append(`split-${paymentId}`, [{ id: crypto.randomUUID(), type, data }]);
    return (await eventStore.readStream(`split-${paymentId}`)).at(-1)!;
  };
  const balance = async () => (await eventStore.readStream(payoutAccumulationStreamId('ch1', 'USDTTRC20'))).map((event) => ({ type: event.type, data: event.data }));
  return { manager, record, balance };
};

describe('payout balance manager and refunds', () => {
  it('threshold: a share waiting under the threshold and then refunded is taken back; the next payout does not carry it', async () => {
    const { manager, record, balance } = world(THRESHOLD);
    await manager.handle(await record('SplitCalculated', 'p1', 30_000_000n));
    const reversed = await record('SplitReversed', 'p1', 30_000_000n);
    await manager.handle(reversed);
    await manager.handle(reversed); // a redelivery takes nothing twice
    await manager.handle(await record('SplitCalculated', 'p2', 45_000_000n));
    const events = await balance();
    expect(events.map((event) => event.type)).toEqual(['PayoutAccumulated', 'PayoutAccumulationReversed', 'PayoutAccumulated']);
    expect(events[1]!.data).toMatchObject({ paymentId: 'p1', amount: usdt(30_000_000n), balance: usdt(0n) });
    // 45 USDT alone is under the 50 USD threshold: without the reversal 75 would have been paid.
    await manager.handle(await record('SplitCalculated', 'p3', 10_000_000n));
    const batch = (await balance()).find((event) => event.type === 'BatchPayoutStarted');
    expect(batch?.data).toMatchObject({ amount: usdt(55_000_000n), paymentIds: ['p2', 'p3'] });
  });

  it('a refund handled before the payment (SplitCalculated then SplitReversed at once): the share is never accumulated, in either order', async () => {
    const first = world({ strategy: 'instant' });
    const calculated = await first.record('SplitCalculated', 'p1', 5_000_000n);
    const reversed = await first.record('SplitReversed', 'p1', 5_000_000n);
    await first.manager.handle(calculated);
    await first.manager.handle(reversed);
    expect((await first.balance()).map((event) => event.type)).toEqual(['PayoutAccumulationReversed']);

    const second = world({ strategy: 'instant' });
    const calculatedAgain = await second.record('SplitCalculated', 'p1', 5_000_000n);
    await second.manager.handle(await second.record('SplitReversed', 'p1', 5_000_000n));
    await second.manager.handle(calculatedAgain);
    expect((await second.balance()).map((event) => event.type)).toEqual(['PayoutAccumulationReversed']);
  });

  it('a share already in a payout stays owed: nothing is taken back', async () => {
    const { manager, record, balance } = world({ strategy: 'instant' });
    await manager.handle(await record('SplitCalculated', 'p1', 5_000_000n));
    await manager.handle(await record('SplitReversed', 'p1', 5_000_000n));
    expect((await balance()).map((event) => event.type)).toEqual(['PayoutAccumulated', 'BatchPayoutStarted']);
  });

  it('conversions on: a threshold owner’s ETH share waiting in the pool is taken out of it; a share reversed first is never pooled', async () => {
    const eventStore = createInMemoryEventStore({ clock });
    const manager = createPayoutBalanceManager({
      eventStore,
      clock,
      // The pool is worth 1 USD: below the minimum, it waits.
      exchange: { estimateStandard: () => Promise.resolve(money(1_000_000n, 'USDTERC20')) },
      payoutSettingsFor: () => Promise.resolve(settings(THRESHOLD)),
      conversions: { toCurrency: 'USDTERC20', minimumUsd: money(25_00n, 'USD') },
    });
    const eth = (units: bigint) => ({ amount: units.toString(), currency: 'ETH', decimals: 18 });
    const record = async (type: 'SplitCalculated' | 'SplitReversed', paymentId: string) => {
      const amounts = { gross: eth(5n), fee: eth(0n), ownerShare: eth(5n) };
      const base = { paymentId, invoiceId: 'inv', channelId: 'ch1', ownerId: '1001', ...amounts };
      const data = type === 'SplitCalculated' ? { ...base, feeBps: 0, calculatedAt: at } : { ...base, reason: 'refunded', reversedAt: at };
      await eventStore.append(`split-${paymentId}`, [{ id: crypto.randomUUID(), type, data }]);
      return (await eventStore.readStream(`split-${paymentId}`)).at(-1)!;
    };
    await manager.handle(await record('SplitCalculated', 'p1'));
    await manager.handle(await record('SplitReversed', 'p1'));
    const p2 = await record('SplitCalculated', 'p2');
    await manager.handle(await record('SplitReversed', 'p2'));
    await manager.handle(p2);
    const pool = (await eventStore.readStream('payout-conversion-pool-eth')).map((event) => [event.type, (event.data as { paymentId: string; amount: { amount: string } }).paymentId, (event.data as { amount: { amount: string } }).amount.amount]);
    expect(pool).toEqual([
      ['SharePooled', 'p1', '5'],
      ['SharePoolReversed', 'p1', '5'],
      ['SharePoolReversed', 'p2', '0'],
    ]);
  });
});
