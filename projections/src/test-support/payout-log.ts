// Test helper (not product code): a log of split and payout events, as recorded, with increasing positions.
import { currencyInfo, money, splitDecider, type MoneyJson, type RecordedEvent } from '@paygate/domain';

export const WALLET = { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' };
/** The host wallet a conversion pays itself into (its stable coin). */
export const HOST_WALLET = { address: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', network: 'ethereum', currency: 'USDTERC20' };

/** One channel's part of a conversion: the shares (payments) it pooled, in the settled coin's units. */
export type PooledShares = { channelId: string; paymentIds: string[]; amount: bigint };

/** A transaction hash made from a number (0x and 64 lower-case hex digits). */
export const txHash = (n: number | bigint): string => `0x${BigInt(n).toString(16).padStart(64, '0')}`;

export const moneyJson = (units: bigint, currency = 'USDTTRC20'): MoneyJson => ({ amount: units.toString(), currency, decimals: currencyInfo(currency).decimals });

export type PayoutLog = ReturnType<typeof createPayoutLog>;

export const createPayoutLog = () => {
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, bigint>();
  let position = 0n;
  const at = () => new Date(Date.UTC(2026, 0, 1) + Number(position) * 1000).toISOString();
  const record = (streamId: string, type: string, data: Record<string, unknown>): RecordedEvent => {
    position += 1n;
    const streamRevision = revisions.get(streamId) ?? 0n;
    revisions.set(streamId, streamRevision + 1n);
    const event: RecordedEvent = { id: `e${position}`, type, data, metadata: {}, streamId, streamRevision, position: { commit: position, prepare: position }, recordedAt: new Date(at()) };
    events.push(event);
    return event;
  };
  const payout = (payoutId: string, type: string, data: Record<string, unknown>) => record(`payout-${payoutId}`, type, { payoutId, ...data });
  return {
    events,
    at,
    record,
    /** SplitCalculated as the split decider makes it; returns the owner share in minor units. */
    split(paymentId: string, channelId: string, gross: bigint, feeBps: number, ownerId?: string, currency = 'USDTTRC20'): bigint {
      const [event] = splitDecider.decide(
        { type: 'CalculateSplit', data: { paymentId, invoiceId: `inv-${paymentId}`, channelId, ...(ownerId ? { ownerId } : {}), gross: money(gross, currency), feeBps, calculatedAt: at() } },
        splitDecider.initialState,
      );
      record(`split-${paymentId}`, event!.type, event!.data);
      return BigInt(event!.data.ownerShare.amount);
    },
    /** SharePooled: a threshold owner's share in a coin that is no stable coin waits in the conversion pool. */
    pool: (channelId: string, paymentId: string, amount: bigint, currency = 'ETH') =>
      record(`payout-conversion-pool-${currency.toLowerCase()}`, 'SharePooled', { channelId, paymentId, amount: moneyJson(amount, currency), pooledAt: at() }),
    /** ConversionStarted: the pool leaves whole (its amount is the sum of the shares). */
    conversionStarted: (conversionId: string, shares: PooledShares[], currency = 'ETH', toCurrency = 'USDTERC20') =>
      record(`payout-conversion-pool-${currency.toLowerCase()}`, 'ConversionStarted', {
        conversionId,
        amount: moneyJson(
          shares.reduce((sum, share) => sum + share.amount, 0n),
          currency,
        ),
        toCurrency,
        shares: shares.map((share) => ({ channelId: share.channelId, paymentIds: share.paymentIds, amount: moneyJson(share.amount, currency) })),
        startedAt: at(),
      }),
    /** The conversion's PayoutStarted: no owner, channel `platform`, paying the host wallet's stable coin. */
    startConversion: (conversionId: string, paymentIds: string[], amount: bigint, currency = 'ETH', toCurrency = 'USDTERC20') =>
      payout(conversionId, 'PayoutStarted', {
        paymentIds,
        channelId: 'platform',
        purpose: 'conversion',
        amount: moneyJson(amount, currency),
        wallet: { ...HOST_WALLET, currency: toCurrency },
        route: 'swap',
        startedAt: at(),
      }),
    /** The conversion's PayoutSent: `amount` left in the settled coin, `received` came back in the stable coin. */
    sentConversion: (conversionId: string, amount: bigint, received: bigint, currency = 'ETH', toCurrency = 'USDTERC20') =>
      payout(conversionId, 'PayoutSent', {
        channelId: 'platform',
        purpose: 'conversion',
        amount: moneyJson(amount, currency),
        payoutHash: txHash(9998),
        received: moneyJson(received, toCurrency),
        sentAt: at(),
      }),
    /** A conversion's allocation to a channel: PayoutAccumulated on its stable-coin balance, `from` its shares that went in. */
    allocate: (channelId: string, conversionId: string, paymentIds: string[], amount: bigint, from: bigint, balance: bigint, currency = 'USDTERC20', fromCurrency = 'ETH') =>
      record(`payout-accumulation-${channelId}-${currency.toLowerCase()}`, 'PayoutAccumulated', {
        channelId,
        conversionId,
        paymentIds,
        amount: moneyJson(amount, currency),
        from: moneyJson(from, fromCurrency),
        balance: moneyJson(balance, currency),
        accumulatedAt: at(),
      }),
    accumulate: (channelId: string, paymentIds: string[], amount: bigint, balance: bigint, currency = 'USDTTRC20') =>
      record(`payout-accumulation-${channelId}-${currency.toLowerCase()}`, 'PayoutAccumulated', {
        channelId,
        conversionId: `conv-${paymentIds.join('+')}`,
        paymentIds,
        amount: moneyJson(amount, currency),
        balance: moneyJson(balance, currency),
        accumulatedAt: at(),
      }),
    batch: (channelId: string, payoutId: string, paymentIds: string[], amount: bigint, currency = 'USDTTRC20') =>
      record(`payout-accumulation-${channelId}-${currency.toLowerCase()}`, 'BatchPayoutStarted', { channelId, payoutId, amount: moneyJson(amount, currency), paymentIds, startedAt: at() }),
    start: (payoutId: string, channelId: string, ownerId: string, paymentIds: string[], amount: bigint, currency = 'USDTTRC20') =>
      payout(payoutId, 'PayoutStarted', { paymentIds, channelId, ownerId, amount: moneyJson(amount, currency), wallet: WALLET, route: 'swap', startedAt: at() }),
    estimated: (payoutId: string, rateId: string, from: bigint, to: bigint) =>
      payout(payoutId, 'SplitEstimated', {
        rateId,
        validUntil: at(),
        from: moneyJson(from),
        to: moneyJson(to, 'USDTMATIC'),
        reference: moneyJson(to, 'USDTMATIC'),
        estimatedAt: at(),
      }),
    held: (payoutId: string) => payout(payoutId, 'PayoutHeld', { reason: 'slippage', detail: 'quote 3% below the market', heldAt: at() }),
    swapCreated: (payoutId: string, exchangeId: string, from: bigint, to: bigint) =>
      payout(payoutId, 'SwapCreated', { exchangeId, payinAddress: WALLET.address, from: moneyJson(from), expectedTo: moneyJson(to, 'USDTMATIC'), createdAt: at() }),
    signed: (payoutId: string, hash: string, nonce: number, replaces?: string) =>
      payout(payoutId, 'TransferSigned', { to: WALLET.address, nonce, rawTransaction: '0x02f8', hash, ...(replaces ? { replaces } : {}), signedAt: at() }),
    executed: (payoutId: string, hash: string, blockNumber: number) => payout(payoutId, 'SwapExecuted', { txHash: hash, blockNumber, gasUsed: '21000', executedAt: at() }),
    sent: (payoutId: string, channelId: string, ownerId: string, amount: bigint, currency = 'USDTTRC20', received: MoneyJson = moneyJson(amount, currency)) =>
      payout(payoutId, 'PayoutSent', { channelId, ownerId, amount: moneyJson(amount, currency), payoutHash: txHash(9999), received, sentAt: at() }),
    failed: (payoutId: string, reason = 'exchange refunded', status?: string) => payout(payoutId, 'PayoutFailed', { reason, ...(status ? { status } : {}), failedAt: at() }),
    resumed: (payoutId: string) => payout(payoutId, 'PayoutResumed', { by: 'ops-anna', resumedAt: at() }),
  };
};
