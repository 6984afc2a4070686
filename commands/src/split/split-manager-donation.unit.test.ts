import { describe, expect, it } from 'vitest';
import { commandSpec, testClock } from '@paygate/testkit';
import { OWNER } from '@paygate/testkit/fixtures';
import { donationStreams } from '../donation/test-support/donation-streams.ts';
import { createSplitManager, splitEventId, splitReversedEventId } from './split-manager.ts';

const clock = testClock('2026-01-02T00:00:00.000Z');
const manager = ({ eventStore }: { eventStore: Parameters<typeof createSplitManager>[0]['eventStore'] }) => createSplitManager({ eventStore, clock, feeBps: 500 });
const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
const donation = { invoiceId: 'don_1', channelId: 'ch1', donorId: '777', paymentId: '5001' };

describe('split manager: donations', () => {
  it('on DonationReceived: splits the outcome like a payment, for the owner of the channel, once', async () => {
    const { appended, result: received } = await commandSpec()
      .given(donationStreams(donation))
      .when(async (ctx) => {
        const received = ctx.recorded('DonationReceived');
        await manager(ctx).handle(received);
        await manager(ctx).handle(received); // a redelivery
        return received;
      })
      .thenAppends({
        'split-5001': [
          {
            type: 'SplitCalculated',
            data: {
              paymentId: '5001',
              invoiceId: 'don_1',
              channelId: 'ch1',
              ownerId: OWNER,
              gross: usdt('12439990'),
              feeBps: 500,
              fee: usdt('621999'),
              ownerShare: usdt('11817991'),
              calculatedAt: '2026-01-02T00:00:00.000Z',
            },
          },
        ],
      });
    expect(appended['split-5001']![0]).toMatchObject({ id: splitEventId(received.id) });
  });

  it('a refund of a received donation reverses its split, even delivered before the DonationReceived was handled', async () => {
    const { appended } = await commandSpec()
      .given(donationStreams({ ...donation, statuses: ['waiting', 'finished', 'refunded'] }))
      .when(async (ctx) => manager(ctx).handle(ctx.recorded('PaymentRefunded')))
      .thenAppends({ 'split-5001': [{ type: 'SplitCalculated' }, { type: 'SplitReversed' }] });
    expect(appended['split-5001']![1]).toMatchObject({ id: splitReversedEventId('5001'), data: { paymentId: '5001', reason: 'refunded' } });
  });

  it('an underpaid donation is never split', async () => {
    await commandSpec()
      .given(donationStreams({ ...donation, statuses: ['waiting', 'partially_paid'] }))
      .when(async (ctx) => manager(ctx).handle(ctx.recorded('PaymentUnderpaid')))
      .thenAppendsNothing();
  });
});
