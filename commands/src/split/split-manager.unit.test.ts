import { describe, expect, it } from 'vitest';
import { commandSpec, testClock } from '@paygate/testkit';
import { channelStream, OWNER, purchaseStreams } from '@paygate/testkit/fixtures';
import { createSplitManager, SPLIT_MANAGER_NAME, splitEventId, splitReversedEventId } from './split-manager.ts';

const clock = testClock('2026-01-02T00:00:00.000Z');
const purchase = purchaseStreams({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777', paymentId: '5001' });
const manager = (feeBps = 500) => ({ eventStore }: { eventStore: Parameters<typeof createSplitManager>[0]['eventStore'] }) =>
  createSplitManager({ eventStore, clock, feeBps });
const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });

describe('split manager', () => {
  it('on PaymentReceived: splits the outcome with the fee rounded down, for the owner of the channel', async () => {
    const { appended, result: received } = await commandSpec()
      .given(purchase)
      .when(async (ctx) => {
        const received = ctx.recorded('PaymentReceived');
        await manager()(ctx).handle(received);
        return received;
      })
      .thenAppends({
        'split-5001': [
          {
            type: 'SplitCalculated',
            data: {
              paymentId: '5001',
              invoiceId: 'inv_1',
              channelId: 'ch1',
              ownerId: OWNER,
              // 12.43999 USDT: 5 % is 0.6219995, rounded down in the owner's favour.
              gross: usdt('12439990'),
              feeBps: 500,
              fee: usdt('621999'),
              ownerShare: usdt('11817991'),
              calculatedAt: '2026-01-02T00:00:00.000Z',
            },
          },
        ],
      });
    expect(appended['split-5001']![0]).toMatchObject({ id: splitEventId(received.id), metadata: { causationId: received.id } });
  });

  it('a redelivery, or two deliveries at once, split the payment once', async () => {
    const { appended } = await commandSpec()
      .given(purchase)
      .when(async (ctx) => {
        const received = ctx.recorded('PaymentReceived');
        await Promise.all([manager()(ctx).handle(received), manager()(ctx).handle(received)]);
        await manager(700)(ctx).handle(received); // even after the fee changed
      })
      .thenAppends({ 'split-5001': [{ type: 'SplitCalculated' }] });
    expect(appended['split-5001']![0]!.data).toMatchObject({ feeBps: 500 });
  });

  it('a payment whose channel is not registered is split without an owner', async () => {
    const { 'channel-ch1': _channel, ...withoutChannel } = purchase;
    const { appended } = await commandSpec()
      .given(withoutChannel)
      .when(async (ctx) => manager()(ctx).handle(ctx.recorded('PaymentReceived')))
      .thenAppends({ 'split-5001': [{ type: 'SplitCalculated' }] });
    expect(appended['split-5001']![0]!.data).not.toHaveProperty('ownerId');
  });

  it('ignores other events, and refuses a fee outside 0..10000 bps', async () => {
    await commandSpec()
      .given(purchase)
      .when(async (ctx) => {
        const m = manager()(ctx);
        expect(m).toMatchObject({ name: SPLIT_MANAGER_NAME, handles: ['PaymentReceived', 'DonationReceived', 'PaymentRefunded'] });
        await m.handle(ctx.recorded('PaymentStatusRecorded'));
      })
      .thenAppendsNothing();
    await commandSpec().given(channelStream({ channelId: 'ch1' })).when((ctx) => manager(10_001)(ctx)).thenThrows('validation');
    await commandSpec().given({}).when((ctx) => manager(2.5)(ctx)).thenThrows('validation');
  });

  describe('on PaymentRefunded of a received payment', () => {
    const refunded = purchaseStreams({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777', paymentId: '5001', statuses: ['waiting', 'finished', 'refunded'] });
    const reversedData = {
      paymentId: '5001',
      invoiceId: 'inv_1',
      channelId: 'ch1',
      ownerId: OWNER,
      gross: usdt('12439990'),
      fee: usdt('621999'),
      ownerShare: usdt('11817991'),
      reason: 'refunded',
      reversedAt: '2026-01-02T00:00:00.000Z',
    };

    it('reverses the split once, however often the refund is delivered', async () => {
      const { appended } = await commandSpec()
        .given(refunded)
        .when(async (ctx) => {
          await manager()(ctx).handle(ctx.recorded('PaymentReceived'));
          const refund = ctx.recorded('PaymentRefunded');
          await Promise.all([manager()(ctx).handle(refund), manager()(ctx).handle(refund)]);
          await manager()(ctx).handle(refund);
        })
        .thenAppends({ 'split-5001': [{ type: 'SplitCalculated' }, { type: 'SplitReversed', data: reversedData }] });
      expect(appended['split-5001']![1]).toMatchObject({ id: splitReversedEventId('5001') });
    });

    it('a refund delivered before its PaymentReceived splits first, with the id the PaymentReceived would use; that delivery then adds nothing', async () => {
      const { appended, result: receivedId } = await commandSpec()
        .given(refunded)
        .when(async (ctx) => {
          await manager()(ctx).handle(ctx.recorded('PaymentRefunded'));
          const received = ctx.recorded('PaymentReceived');
          await manager()(ctx).handle(received);
          return received.id;
        })
        .thenAppends({ 'split-5001': [{ type: 'SplitCalculated' }, { type: 'SplitReversed', data: reversedData }] });
      expect(appended['split-5001']![0]).toMatchObject({ id: splitEventId(receivedId) });
    });

    it('a refund of a payment that granted nothing reverses nothing', async () => {
      const held = purchaseStreams({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777', paymentId: '5001', statuses: ['waiting', 'failed', 'refunded'] });
      await commandSpec()
        .given(held)
        .when(async (ctx) => manager()(ctx).handle(ctx.recorded('PaymentRefunded')))
        .thenAppendsNothing();
    });

    it('a refund recorded before `granted` existed, guessed granted from previousStatus but with no PaymentReceived: nothing to reverse', async () => {
      const legacy = purchaseStreams({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777', paymentId: '5001', statuses: ['waiting', 'failed', 'refunded'] });
      const events = legacy['payment-5001']!.map((event) =>
        event.type === 'PaymentRefunded' ? { type: event.type, data: { ...(event.data as object), previousStatus: 'finished', granted: undefined } } : event,
      );
      await commandSpec()
        .given({ ...legacy, 'payment-5001': JSON.parse(JSON.stringify(events)) })
        .when(async (ctx) => manager()(ctx).handle(ctx.recorded('PaymentRefunded')))
        .thenAppendsNothing();
    });
  });
});
