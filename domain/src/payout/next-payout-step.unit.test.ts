import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider/index.ts';
import { payoutDecider } from './payout-decider.ts';
import type { PayoutEvent } from './payout-events.ts';
import { nextPayoutStep } from './next-payout-step.ts';

const at = (minute: number) => `2026-01-02T00:${String(minute).padStart(2, '0')}:00.000Z`;
const h = (digit: string) => `0x${digit.repeat(64)}`;
const usdt = { amount: '47982578', currency: 'USDTERC20', decimals: 6 };
const matic = { amount: '46600000', currency: 'USDTMATIC', decimals: 6 };
const WALLET = { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon' as const, currency: 'USDTMATIC' };
const PAYIN = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
const started = (route: 'direct' | 'swap'): PayoutEvent => ({
  type: 'PayoutStarted',
  data: { payoutId: 'p1', paymentIds: ['p1'], channelId: 'ch1', ownerId: '42', amount: usdt, wallet: WALLET, route, startedAt: at(0) },
});
const estimated: PayoutEvent = { type: 'SplitEstimated', data: { payoutId: 'p1', rateId: 'r1', validUntil: at(20), from: usdt, to: matic, reference: matic, estimatedAt: at(1) } };
const swap: PayoutEvent = { type: 'SwapCreated', data: { payoutId: 'p1', exchangeId: 'x1', payinAddress: PAYIN, from: usdt, expectedTo: matic, createdAt: at(2) } };
const signed: PayoutEvent = { type: 'TransferSigned', data: { payoutId: 'p1', to: PAYIN, nonce: 7, rawTransaction: '0x02f8', hash: h('a'), signedAt: at(3) } };
const executed: PayoutEvent = { type: 'SwapExecuted', data: { payoutId: 'p1', txHash: h('a'), blockNumber: 9, gasUsed: '65000', executedAt: at(5) } };
const failed: PayoutEvent = { type: 'PayoutFailed', data: { payoutId: 'p1', reason: 'rpc down', failedAt: at(6) } };
const step = (events: PayoutEvent[], now = at(3)) => nextPayoutStep(foldEvents(payoutDecider, events), now);

describe('the next payout step, from the events alone', () => {
  it('walks the swap route: quote, swap, sign, broadcast, poll, done', () => {
    expect(step([])).toEqual({ kind: 'none', why: 'not_started' });
    expect(step([started('swap')])).toEqual({ kind: 'estimate' });
    expect(step([started('swap'), estimated])).toEqual({ kind: 'create_swap' });
    expect(step([started('swap'), estimated, swap])).toEqual({ kind: 'sign', to: PAYIN });
    expect(step([started('swap'), estimated, swap, signed])).toEqual({ kind: 'broadcast', candidates: [h('a')], rawTransactions: [signed.data.rawTransaction] });
    expect(step([started('swap'), estimated, swap, signed, executed])).toEqual({ kind: 'poll_exchange', exchangeId: 'x1' });
  });

  it('an expired quote is asked for again; a direct payout signs to the owner at once', () => {
    expect(step([started('swap'), estimated], at(21))).toEqual({ kind: 'estimate' });
    expect(step([started('direct')])).toEqual({ kind: 'sign', to: WALLET.address });
  });

  it('a signed transfer is only ever broadcast again, never signed anew, even after a restart', () =>
    expect(step([started('direct'), { ...signed, data: { ...signed.data, to: WALLET.address } }], at(59))).toEqual({ kind: 'broadcast', candidates: [h('a')], rawTransactions: [signed.data.rawTransaction] }));

  it('stopped payouts wait for an operator, but mined money is followed up', () => {
    expect(step([started('swap'), estimated, swap, signed, failed])).toEqual({ kind: 'none', why: 'failed' });
    expect(step([started('swap'), estimated, swap, signed, failed, executed])).toEqual({ kind: 'poll_exchange', exchangeId: 'x1' });
  });

  it("once the exchange itself ended failed or refunded there is nothing more to ask it", () => {
    const refunded: PayoutEvent = { type: 'PayoutFailed', data: { payoutId: 'p1', reason: 'ChangeNOW exchange x1 ended refunded', status: 'refunded', failedAt: at(7) } };
    expect(step([started('swap'), estimated, swap, signed, executed, refunded])).toEqual({ kind: 'none', why: 'failed' });
    expect(step([started('swap'), estimated, swap, signed, executed, { ...refunded, data: { ...refunded.data, status: 'failed' } }])).toEqual({ kind: 'none', why: 'failed' });
  });
});
