import { describe, expect, it } from 'vitest';
import { createPayoutLog, type PayoutLog } from '../test-support/payout-log.ts';
import { checkLedger } from './check-ledger.ts';
import { foldLedger } from './ledger-fold.ts';

const account = (fields: Record<string, unknown>) => ({
  channelId: 'ch1',
  ownerId: '1001',
  currency: 'USDTTRC20',
  decimals: 6,
  received: 0n,
  fees: 0n,
  paidOut: 0n,
  convertedIn: 0n,
  convertedOut: 0n,
  pending: 0n,
  inPayout: 0n,
  ...fields,
});

/** SplitReversed as the split decider makes it from the payment's SplitCalculated. */
const reverse = (log: PayoutLog, paymentId: string) => {
  const split = log.events.find((event) => event.type === 'SplitCalculated' && (event.data as { paymentId: string }).paymentId === paymentId)!;
  const { feeBps: _feeBps, calculatedAt: _calculatedAt, ...amounts } = split.data as Record<string, unknown>;
  return log.record(`split-${paymentId}`, 'SplitReversed', { ...amounts, reason: 'refunded', reversedAt: log.at() });
};

describe('ledger fold: a refund reverses the split', () => {
  it('a share still pending: received, fees and pending all come back to zero, and the books balance', () => {
    const log = createPayoutLog();
    const share = log.split('p1', 'ch1', 1_000_000n, 500, '1001');
    log.accumulate('ch1', ['p1'], share, share);
    reverse(log, 'p1');
    const ledger = foldLedger(log.events);
    expect(ledger.accounts).toEqual([account({})]);
    expect(checkLedger(ledger)).toEqual([]);
  });

  it('a share already in a payout that is then sent: the owner owes it (pending below zero), and the books balance at every step', () => {
    const log = createPayoutLog();
    const a = log.split('p1', 'ch1', 1_000_000n, 500, '1001'); // fee 50_000, share 950_000
    const b = log.split('p2', 'ch1', 2_000_000n, 500, '1001'); // fee 100_000, share 1_900_000
    log.accumulate('ch1', ['p1', 'p2'], a + b, a + b);
    log.batch('ch1', 'ch1-1', ['p1', 'p2'], a + b);
    log.start('ch1-1', 'ch1', '1001', ['p1', 'p2'], a + b);
    reverse(log, 'p1');
    const during = foldLedger(log.events);
    // The reversal is not in the payout: in payout stays what the payout carries.
    expect(during.accounts).toEqual([account({ received: 2_000_000n, fees: 100_000n, pending: b, inPayout: a + b })]);
    expect(checkLedger(during)).toEqual([]);
    log.sent('ch1-1', 'ch1', '1001', a + b);
    const after = foldLedger(log.events);
    expect(after.accounts).toEqual([account({ received: 2_000_000n, fees: 100_000n, paidOut: a + b, pending: -a })]);
    expect(after.owners[0]).toMatchObject({ pending: -a, paidOut: a + b });
    expect(checkLedger(after)).toEqual([]);
  });

  it('names a reversal it cannot count: one with no split, a second one', () => {
    const log = createPayoutLog();
    log.split('p1', 'ch1', 100n, 0, '1001');
    reverse(log, 'p1');
    reverse(log, 'p1');
    log.record('split-p9', 'SplitReversed', {
      ...(log.events.find((event) => event.type === 'SplitReversed')!.data as Record<string, unknown>),
      paymentId: 'p9',
    });
    const ledger = foldLedger(log.events);
    expect(ledger.problems.map((problem) => problem.reason)).toEqual([
      'payment p1 was reversed before; this reversal is not counted',
      'payment p9 was reversed but never split; this reversal is not counted',
    ]);
    expect(ledger.accounts).toEqual([account({})]);
  });

  it('a share taken back from the balance or the conversion pool before it left: no payout or conversion carries it, pending nets to zero', () => {
    const log = createPayoutLog();
    const a = log.split('p1', 'ch1', 1_000_000n, 500, '1001');
    const b = log.split('p2', 'ch1', 2_000_000n, 500, '1001');
    log.accumulate('ch1', ['p1'], a, a);
    log.accumulate('ch1', ['p2'], b, a + b);
    reverse(log, 'p1');
    log.record('payout-accumulation-ch1-usdttrc20', 'PayoutAccumulationReversed', { channelId: 'ch1', paymentId: 'p1', amount: { amount: a.toString(), currency: 'USDTTRC20', decimals: 6 }, balance: { amount: b.toString(), currency: 'USDTTRC20', decimals: 6 }, reversedAt: log.at() });
    log.batch('ch1', 'ch1-1', ['p2'], b);
    log.start('ch1-1', 'ch1', '1001', ['p2'], b);
    log.sent('ch1-1', 'ch1', '1001', b);
    const eth = log.split('e1', 'ch2', 10n ** 15n, 500, '1002', 'ETH');
    const kept = log.split('e2', 'ch2', 2n * 10n ** 15n, 500, '1002', 'ETH');
    log.pool('ch2', 'e1', eth);
    log.pool('ch2', 'e2', kept);
    reverse(log, 'e1');
    log.record('payout-conversion-pool-eth', 'SharePoolReversed', { channelId: 'ch2', paymentId: 'e1', amount: { amount: eth.toString(), currency: 'ETH', decimals: 18 }, reversedAt: log.at() });
    log.conversionStarted('conversion-eth-1', [{ channelId: 'ch2', paymentIds: ['e2'], amount: kept }]);
    const ledger = foldLedger(log.events);
    expect(ledger.problems).toEqual([]);
    expect(checkLedger(ledger)).toEqual([]);
    expect(ledger.accounts.find((found) => found.channelId === 'ch1')).toMatchObject({ received: 2_000_000n, paidOut: b, pending: 0n });
    expect(ledger.accounts.find((found) => found.channelId === 'ch2')).toMatchObject({ received: 2n * 10n ** 15n, convertedOut: kept, pending: 0n });
  });
});
