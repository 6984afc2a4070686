import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { money, moneyToJson } from '../money/index.ts';
import type { PayoutWallet } from '../payout-settings/index.ts';
import type { PayoutCommand } from './payout-commands.ts';
import { payoutDecider } from './payout-decider.ts';
import { parsePayoutEvent, type PayoutEvent } from './payout-events.ts';

// The instant payout, step by step: given what happened, when this arrives, then these events.
const given = deciderSpec(payoutDecider, { validateEvent: parsePayoutEvent });
const at = (minute: number) => `2026-01-02T00:${String(minute).padStart(2, '0')}:00.000Z`;
const hash = (digit: string) => `0x${digit.repeat(64)}`;
const OWNER_WALLET: PayoutWallet = { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' };
const PAYIN = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
const share = money(47_982_578n, 'USDTERC20');
const usdtMatic = (units: bigint) => money(units, 'USDTMATIC');

const start = (wallet: PayoutWallet = OWNER_WALLET): PayoutCommand => ({
  type: 'StartPayout',
  data: { payoutId: 'p1', paymentIds: ['p1'], channelId: 'ch1', ownerId: '42', amount: share, wallet, hostNetwork: 'ethereum', startedAt: at(0) },
});
const started = (route: 'direct' | 'swap', wallet: PayoutWallet = OWNER_WALLET): PayoutEvent => ({
  type: 'PayoutStarted',
  data: { payoutId: 'p1', paymentIds: ['p1'], channelId: 'ch1', ownerId: '42', amount: moneyToJson(share), wallet, route, startedAt: at(0) },
});
const estimate = (to: bigint, rateId = 'r1'): PayoutCommand => ({
  type: 'RecordEstimate',
  data: { rateId, validUntil: at(20), from: share, to: usdtMatic(to), reference: usdtMatic(47_000_000n), maxSlippageBps: 100, estimatedAt: at(1) },
});
const estimated = (to: bigint, rateId = 'r1'): PayoutEvent => ({
  type: 'SplitEstimated',
  data: { payoutId: 'p1', rateId, validUntil: at(20), from: moneyToJson(share), to: moneyToJson(usdtMatic(to)), reference: moneyToJson(usdtMatic(47_000_000n)), estimatedAt: at(1) },
});
const swap = (createdAt = at(2), exchangeId = 'x1'): PayoutCommand => ({
  type: 'RecordSwap',
  data: { exchangeId, payinAddress: PAYIN, from: share, expectedTo: usdtMatic(46_600_000n), createdAt },
});
const swapCreated: PayoutEvent = {
  type: 'SwapCreated',
  data: { payoutId: 'p1', exchangeId: 'x1', payinAddress: PAYIN, from: moneyToJson(share), expectedTo: moneyToJson(usdtMatic(46_600_000n)), createdAt: at(2) },
};
const sign = (to = PAYIN, h = hash('a'), nonce = 7): PayoutCommand => ({ type: 'RecordSignedTransfer', data: { to, nonce, rawTransaction: '0x02f8', hash: h, signedAt: at(3) } });
const signed = (to = PAYIN, h = hash('a'), replaces?: string): PayoutEvent => ({
  type: 'TransferSigned',
  data: { payoutId: 'p1', to, nonce: 7, rawTransaction: '0x02f8', hash: h, ...(replaces ? { replaces } : {}), signedAt: at(3) },
});
const confirmed = (h: string): PayoutCommand => ({ type: 'RecordTransferConfirmed', data: { txHash: h, blockNumber: 120, gasUsed: 65_000n, confirmedAt: at(5) } });
const executed = (h: string): PayoutEvent => ({ type: 'SwapExecuted', data: { payoutId: 'p1', txHash: h, blockNumber: 120, gasUsed: '65000', executedAt: at(5) } });
const swapRoute = [started('swap'), estimated(46_600_000n), swapCreated];

describe('payout: start', () => {
  it('a wallet in another currency or network is paid through a swap', () => given([]).when(start()).then([started('swap')]));

  it('a wallet taking the settled currency on the host network is paid directly', () => {
    const wallet: PayoutWallet = { ...OWNER_WALLET, network: 'ethereum', currency: 'USDTERC20' };
    given([]).when(start(wallet)).then([started('direct', wallet)]);
  });

  it('starts once', () => given([started('swap')]).when(start()).then([]));

  it('a conversion pays the host wallet and names no owner; an owner payout must name its owner', () => {
    const host: PayoutWallet = { address: PAYIN, network: 'ethereum', currency: 'USDTERC20' };
    const eth = money(7_600_000_000_000_000n, 'ETH');
    const { ownerId: _owner, ...ownerless } = (start(host) as Extract<PayoutCommand, { type: 'StartPayout' }>).data;
    given([])
      .when({ type: 'StartPayout', data: { ...ownerless, amount: eth, purpose: 'conversion' } })
      .then([{ type: 'PayoutStarted', data: { payoutId: 'p1', paymentIds: ['p1'], channelId: 'ch1', amount: moneyToJson(eth), wallet: host, route: 'swap', purpose: 'conversion', startedAt: at(0) } }]);
    given([]).when({ type: 'StartPayout', data: ownerless }).thenThrows('validation', 'names its owner');
  });

  it('nothing to pay is refused', () => {
    const command = start();
    given([]).when({ ...command, data: { ...(command.data as object), amount: money(0n, 'USDTERC20') } } as PayoutCommand).thenThrows('validation');
  });
});

describe('payout: the quote', () => {
  it('a quote within the slippage bound is recorded', () => given([started('swap')]).when(estimate(46_600_000n)).then([estimated(46_600_000n)]));

  it('a quote more than the bound below the market holds the payout for an operator', () =>
    given([started('swap')])
      .when(estimate(46_529_999n))
      .then([{ type: 'PayoutHeld', data: { payoutId: 'p1', reason: 'slippage', detail: 'quote 46529999 is more than 100 bps below the market estimate 47000000 (USDTMATIC units)', heldAt: at(1) } }]));

  it('exactly at the bound is still fine (integer arithmetic, no rounding)', () => given([started('swap')]).when(estimate(46_530_000n)).then([estimated(46_530_000n)]));

  it('a resumed payout asks for a quote again', () => {
    const held: PayoutEvent = { type: 'PayoutHeld', data: { payoutId: 'p1', reason: 'slippage', detail: 'x', heldAt: at(1) } };
    const resumed: PayoutEvent = { type: 'PayoutResumed', data: { payoutId: 'p1', by: 'ops', resumedAt: at(4) } };
    given([started('swap'), held]).when({ type: 'ResumePayout', data: { by: 'ops', resumedAt: at(4) } }).then([resumed]);
    given([started('swap'), held, resumed]).when(estimate(46_600_000n, 'r2')).then([estimated(46_600_000n, 'r2')]);
    given([started('swap'), held]).when(estimate(46_600_000n)).thenThrows('conflict', 'held');
  });

  it('a direct payout needs none', () => given([started('direct')]).when(estimate(1n)).thenThrows('conflict'));
});

describe('payout: the swap and the one transfer', () => {
  it('the swap is created on a live quote, once', () => {
    given([started('swap'), estimated(46_600_000n)]).when(swap()).then([swapCreated]);
    given(swapRoute).when(swap()).then([]);
    given(swapRoute).when(swap(at(2), 'x2')).thenThrows('conflict', 'exchange x1');
  });

  it('an expired quote must be estimated again', () => given([started('swap'), estimated(46_600_000n)]).when(swap(at(21))).thenThrows('conflict', 'expired'));

  it("the transfer goes to the swap's pay-in address, and is signed once", () => {
    given(swapRoute).when(sign()).then([signed()]);
    given([...swapRoute, signed()]).when(sign()).then([]);
    given([...swapRoute, signed()]).when(sign(PAYIN, hash('b'))).thenThrows('conflict', 'signed transfer already');
    given(swapRoute).when(sign(OWNER_WALLET.address)).thenThrows('validation');
    given([started('swap'), estimated(46_600_000n)]).when(sign()).thenThrows('conflict', 'no swap');
  });

  it('a stuck transfer is replaced with the same nonce, and whichever candidate is mined counts', () => {
    const replace: PayoutCommand = { type: 'ReplaceTransfer', data: { nonce: 7, rawTransaction: '0x02f8', hash: hash('b'), signedAt: at(3) } };
    given([...swapRoute, signed()]).when(replace).then([signed(PAYIN, hash('b'), hash('a'))]);
    given([...swapRoute, signed()]).when({ ...replace, data: { ...(replace.data as object), nonce: 8 } } as PayoutCommand).thenThrows('validation', 'nonce 7');
    const both = [...swapRoute, signed(), signed(PAYIN, hash('b'), hash('a'))];
    given(both).when(confirmed(hash('a'))).then([executed(hash('a'))]);
    given(both).when(confirmed(hash('c'))).thenThrows('validation');
    given([...both, executed(hash('a'))]).when(confirmed(hash('b'))).then([]);
  });

  it('the exchange finishing is the payout sent, with what the owner received', () => {
    const finished: PayoutCommand = { type: 'RecordExchangeFinished', data: { payoutHash: hash('d'), received: usdtMatic(46_598_000n), finishedAt: at(9) } };
    const sent: PayoutEvent = { type: 'PayoutSent', data: { payoutId: 'p1', channelId: 'ch1', ownerId: '42', amount: moneyToJson(share), payoutHash: hash('d'), received: moneyToJson(usdtMatic(46_598_000n)), sentAt: at(9) } };
    given([...swapRoute, signed(), executed(hash('a'))]).when(finished).then([sent]);
    given([...swapRoute, signed(), executed(hash('a')), sent]).when(finished).then([]);
    given([...swapRoute, signed()]).when(finished).thenThrows('conflict', 'not paid into');
  });

  it('a direct payout is sent when its transfer to the owner is confirmed', () => {
    const wallet: PayoutWallet = { ...OWNER_WALLET, network: 'ethereum', currency: 'USDTERC20' };
    const direct = [started('direct', wallet), signed(wallet.address)];
    given([started('direct', wallet)]).when(sign(wallet.address)).then([signed(wallet.address)]);
    given(direct)
      .when(confirmed(hash('a')))
      .then([{ type: 'PayoutSent', data: { payoutId: 'p1', channelId: 'ch1', ownerId: '42', amount: moneyToJson(share), payoutHash: hash('a'), received: moneyToJson(share), sentAt: at(5) } }]);
  });
});

describe('payout: holds and failures', () => {
  const failed: PayoutEvent = { type: 'PayoutFailed', data: { payoutId: 'p1', reason: 'the exchange was refunded', status: 'refunded', failedAt: at(9) } };
  const fail: PayoutCommand = { type: 'FailPayout', data: { reason: 'the exchange was refunded', status: 'refunded', failedAt: at(9) } };
  const resume: PayoutCommand = { type: 'ResumePayout', data: { by: 'ops', resumedAt: at(10) } };

  it('nothing is half-sent: a signed payout cannot be held', () =>
    given([...swapRoute, signed()]).when({ type: 'HoldPayout', data: { reason: 'insufficient_gas', detail: 'x', heldAt: at(4) } }).thenThrows('conflict'));

  it('a failure is recorded once and stops the payout where an operator sees it', () => {
    given([...swapRoute, signed()]).when(fail).then([failed]);
    given([...swapRoute, signed(), failed]).when(fail).then([]);
    given([...swapRoute, failed]).when(sign()).thenThrows('conflict', 'failed');
  });

  it('a signed transfer is not failed for a reason of ours: only the chain or the exchange ends it', () => {
    const ours: PayoutCommand = { type: 'FailPayout', data: { reason: 'ChangeNOW answered 503 eight times', failedAt: at(9) } };
    given([...swapRoute, signed()]).when(ours).thenThrows('conflict', 'followed, not failed');
    given([...swapRoute]).when(ours).then([{ type: 'PayoutFailed', data: { payoutId: 'p1', reason: 'ChangeNOW answered 503 eight times', failedAt: at(9) } }]);
  });

  it('a failure after money moved is not resumed (no second transfer); before, it is', () => {
    given([...swapRoute, signed(), executed(hash('a')), failed]).when(resume).thenThrows('conflict', 'money moved');
    given([...swapRoute, failed]).when(resume).then([{ type: 'PayoutResumed', data: { payoutId: 'p1', by: 'ops', resumedAt: at(10) } }]);
  });

  it('a signed transfer never mined is resumed, to send the same bytes again; a reverted one (nonce spent) is not', () => {
    const resumed: PayoutEvent = { type: 'PayoutResumed', data: { payoutId: 'p1', by: 'ops', resumedAt: at(10) } };
    const stopped: PayoutEvent = { type: 'PayoutFailed', data: { payoutId: 'p1', reason: 'the node refused it: insufficient funds', failedAt: at(9) } };
    given([...swapRoute, signed(), stopped]).when(resume).then([resumed]);
    given([...swapRoute, signed(), stopped, resumed]).when(sign(PAYIN, hash('b'), 8)).thenThrows('conflict', 'signed transfer already');
    const reverted: PayoutEvent = { type: 'PayoutFailed', data: { payoutId: 'p1', reason: 'reverted', status: 'reverted', failedAt: at(9) } };
    given([...swapRoute, signed(), reverted]).when(resume).thenThrows('conflict', 'reverted on chain');
  });

  it('a confirmed transfer counts even for a payout failed meanwhile', () => given([...swapRoute, signed(), failed]).when(confirmed(hash('a'))).then([executed(hash('a'))]));

  it('commands for a payout never started are not found', () => given([]).when(sign()).thenThrows('not_found'));
});
