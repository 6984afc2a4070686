// Test helper (not product code): money moving through the log as the product records it —
// payments received and split, payouts by swap (ChangeNOW) or direct transfer, a failed payout,
// and ETH shares pooled, converted together and allocated back — appended through any event store.
import { randomUUID } from 'node:crypto';
import { currencyInfo, money, splitDecider, type EventStore, type MoneyJson } from '@paygate/domain';

export const OWNER_WALLET = { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' };
export const HOST_WALLET = { address: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', network: 'ethereum', currency: 'USDTERC20' };
export const hashOf = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`;
export const units = (amount: bigint, currency = 'USDTTRC20'): MoneyJson => ({ amount: amount.toString(), currency, decimals: currencyInfo(currency).decimals });

type Route = { kind: 'direct'; hash: string } | { kind: 'swap'; exchangeId: string; swapTx: string; payoutHash: string; delivered: MoneyJson };

export type MoneyFlow = ReturnType<typeof createMoneyFlow>;

export const createMoneyFlow = (eventStore: EventStore, clock: () => string = () => new Date().toISOString()) => {
  const append = (streamId: string, type: string, data: Record<string, unknown>) => eventStore.append(streamId, [{ id: randomUUID(), type, data, metadata: {} }]);
  const accumulation = (channelId: string, currency: string) => `payout-accumulation-${channelId}-${currency.toLowerCase()}`;
  return {
    /** PaymentReceived, then the split manager's SplitCalculated at `feeBps`; the owner share. */
    async pay(paymentId: string, channelId: string, ownerId: string, gross: bigint, feeBps: number, currency = 'USDTTRC20'): Promise<bigint> {
      const invoiceId = `inv-${paymentId}`;
      const outcome = units(gross, currency);
      await append(`payment-${paymentId}`, 'PaymentReceived', {
        paymentId,
        invoiceId,
        channelId,
        tierId: 'basic',
        subscriberId: '2002',
        receivedAt: clock(),
        price: units(1250n, 'USD'),
        durationDays: 30,
        actuallyPaid: outcome,
        outcome,
      });
      const [split] = splitDecider.decide(
        { type: 'CalculateSplit', data: { paymentId, invoiceId, channelId, ownerId, gross: money(gross, currency), feeBps, calculatedAt: clock() } },
        splitDecider.initialState,
      );
      await append(`split-${paymentId}`, split!.type, split!.data);
      return BigInt((split!.data as { ownerShare: MoneyJson }).ownerShare.amount);
    },
    /** DonationReceived, then its SplitCalculated at `feeBps` (donations are split like payments); the owner share. */
    async donate(paymentId: string, channelId: string, ownerId: string, gross: bigint, feeBps: number, currency = 'USDTTRC20'): Promise<bigint> {
      const invoiceId = `don-${paymentId}`;
      const outcome = units(gross, currency);
      await append(`payment-${paymentId}`, 'DonationReceived', {
        paymentId,
        invoiceId,
        channelId,
        donorId: '2003',
        amount: units(500n, 'USD'),
        actuallyPaid: outcome,
        outcome,
        showName: false,
        receivedAt: clock(),
      });
      const [split] = splitDecider.decide(
        { type: 'CalculateSplit', data: { paymentId, invoiceId, channelId, ownerId, gross: money(gross, currency), feeBps, calculatedAt: clock() } },
        splitDecider.initialState,
      );
      await append(`split-${paymentId}`, split!.type, split!.data);
      return BigInt((split!.data as { ownerShare: MoneyJson }).ownerShare.amount);
    },
    /** The balance leaves in one payout: started, then on chain by `route`; `sent: false` stops it at PayoutFailed. */
    async payOut(payoutId: string, channelId: string, ownerId: string, paymentIds: string[], amount: bigint, route: Route, sent = true, currency = 'USDTTRC20') {
      const stream = `payout-${payoutId}`;
      await append(accumulation(channelId, currency), 'BatchPayoutStarted', { channelId, payoutId, amount: units(amount, currency), paymentIds, startedAt: clock() });
      await append(stream, 'PayoutStarted', { payoutId, paymentIds, channelId, ownerId, amount: units(amount, currency), wallet: OWNER_WALLET, route: route.kind, startedAt: clock() });
      if (!sent) return append(stream, 'PayoutFailed', { payoutId, reason: 'exchange refunded', status: 'refunded', failedAt: clock() });
      if (route.kind === 'swap') {
        await append(stream, 'SwapCreated', { payoutId, exchangeId: route.exchangeId, payinAddress: OWNER_WALLET.address, from: units(amount, currency), expectedTo: route.delivered, createdAt: clock() });
        await append(stream, 'TransferSigned', { payoutId, to: OWNER_WALLET.address, nonce: 1, rawTransaction: '0x02f8', hash: route.swapTx, signedAt: clock() });
        await append(stream, 'SwapExecuted', { payoutId, txHash: route.swapTx, blockNumber: 100, gasUsed: '21000', executedAt: clock() });
      } else await append(stream, 'TransferSigned', { payoutId, to: OWNER_WALLET.address, nonce: 2, rawTransaction: '0x02f8', hash: route.hash, signedAt: clock() });
      const payoutHash = route.kind === 'swap' ? route.payoutHash : route.hash;
      const received = route.kind === 'swap' ? route.delivered : units(amount, currency);
      return append(stream, 'PayoutSent', { payoutId, channelId, ownerId, amount: units(amount, currency), payoutHash, received, sentAt: clock() });
    },
    /**
     * ETH shares of two channels pooled and converted together through ChangeNOW into USDTERC20,
     * then allocated back by the largest remainder (`allocations` must follow that rule).
     */
    async convert(conversionId: string, shares: { channelId: string; paymentId: string; amount: bigint; allocation: bigint }[], received: bigint, exchangeId: string, swapTx: string, payoutHash: string) {
      const pool = 'payout-conversion-pool-eth';
      for (const share of shares) await append(pool, 'SharePooled', { channelId: share.channelId, paymentId: share.paymentId, amount: units(share.amount, 'ETH'), pooledAt: clock() });
      const total = units(
        shares.reduce((sum, share) => sum + share.amount, 0n),
        'ETH',
      );
      const parts = shares.map((share) => ({ channelId: share.channelId, paymentIds: [share.paymentId], amount: units(share.amount, 'ETH') }));
      await append(pool, 'ConversionStarted', { conversionId, amount: total, toCurrency: 'USDTERC20', shares: parts, startedAt: clock() });
      const stream = `payout-${conversionId}`;
      const paymentIds = shares.map((share) => share.paymentId);
      await append(stream, 'PayoutStarted', { payoutId: conversionId, paymentIds, channelId: 'platform', purpose: 'conversion', amount: total, wallet: HOST_WALLET, route: 'swap', startedAt: clock() });
      await append(stream, 'SwapCreated', { payoutId: conversionId, exchangeId, payinAddress: HOST_WALLET.address, from: total, expectedTo: units(received, 'USDTERC20'), createdAt: clock() });
      await append(stream, 'SwapExecuted', { payoutId: conversionId, txHash: swapTx, blockNumber: 101, gasUsed: '21000', executedAt: clock() });
      await append(stream, 'PayoutSent', { payoutId: conversionId, channelId: 'platform', purpose: 'conversion', amount: total, payoutHash, received: units(received, 'USDTERC20'), sentAt: clock() });
      for (const share of shares) {
        await append(accumulation(share.channelId, 'USDTERC20'), 'PayoutAccumulated', {
          channelId: share.channelId,
          conversionId,
          paymentIds: [share.paymentId],
          amount: units(share.allocation, 'USDTERC20'),
          from: units(share.amount, 'ETH'),
          balance: units(share.allocation, 'USDTERC20'),
          accumulatedAt: clock(),
        });
      }
    },
    /** Raw: anything else a test needs in the log (a duplicate, a forged event). */
    append,
  };
};
