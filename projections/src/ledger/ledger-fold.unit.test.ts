import { describe, expect, it } from 'vitest';
import { createPayoutLog } from '../test-support/payout-log.ts';
import { createLedgerFold, foldLedger } from './ledger-fold.ts';

const account = (fields: Record<string, unknown>) => ({ ownerId: '1001', currency: 'USDTTRC20', decimals: 6, received: 0n, fees: 0n, paidOut: 0n, pending: 0n, inPayout: 0n, ...fields });

describe('ledger fold', () => {
  it('shares stay pending through accumulation, a started batch and a failure; a sent payout pays exactly its shares', () => {
    const log = createPayoutLog();
    const a = log.split('p1', 'ch1', 12_439_990n, 500, '1001'); // fee 621_999
    const b = log.split('p2', 'ch1', 1_000_000n, 250, '1001'); // fee 25_000
    log.accumulate('ch1', ['p1'], a, a);
    log.accumulate('ch1', ['p2'], b, a + b);
    expect(foldLedger(log.events).accounts).toEqual([account({ channelId: 'ch1', received: 13_439_990n, fees: 646_999n, pending: a + b })]);

    log.batch('ch1', 'ch1-usdttrc20-1', ['p1', 'p2'], a + b);
    log.start('ch1-usdttrc20-1', 'ch1', '1001', ['p1', 'p2'], a + b);
    log.failed('ch1-usdttrc20-1');
    expect(foldLedger(log.events).accounts).toEqual([account({ channelId: 'ch1', received: 13_439_990n, fees: 646_999n, pending: a + b, inPayout: a + b })]);

    log.resumed('ch1-usdttrc20-1');
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', a + b);
    const ledger = foldLedger(log.events);
    expect(ledger.accounts).toEqual([account({ channelId: 'ch1', received: 13_439_990n, fees: 646_999n, paidOut: a + b })]);
    expect(ledger.problems).toEqual([]);
    // Every event but PayoutResumed, which moves no money.
    expect(ledger.events).toBe(8);
  });

  it('per owner and currency over their channels; a channel without an owner is owner null', () => {
    const log = createPayoutLog();
    log.split('p1', 'ch1', 100n, 1000, '1001');
    log.split('p2', 'ch2', 200n, 1000, '1001');
    log.split('p3', 'ch3', 300n, 1000);
    log.split('p4', 'ch1', 7n, 0, '1001', 'USDTMATIC');
    expect(foldLedger(log.events).owners).toEqual([
      { ...account({ received: 7n, pending: 7n, currency: 'USDTMATIC' }), channels: ['ch1'] },
      { ...account({ received: 300n, fees: 30n, pending: 270n }), channels: ['ch1', 'ch2'] },
      { ...account({ ownerId: null, received: 300n, fees: 30n, pending: 270n }), channels: ['ch3'] },
    ]);
  });

  it('names what it cannot count: a second split, an invalid event, a payout sent twice or never started', () => {
    const log = createPayoutLog();
    log.split('p1', 'ch1', 100n, 0, '1001');
    log.split('p1', 'ch1', 100n, 0, '1001');
    log.record('split-p9', 'SplitCalculated', { paymentId: 'p9' });
    log.start('po-1', 'ch1', '1001', ['p1'], 100n);
    log.sent('po-1', 'ch1', '1001', 100n);
    log.sent('po-1', 'ch1', '1001', 100n);
    log.sent('po-2', 'ch1', '1001', 5n);
    const { problems, accounts } = foldLedger(log.events);
    expect(problems.map((problem) => [problem.eventId, problem.reason])).toEqual([
      ['e2', 'payment p1 was split before; this split is not counted'],
      ['e3', expect.stringMatching(/^not a valid SplitCalculated: invalid split event/)],
      ['e6', 'payout po-1 was sent before; this PayoutSent is not counted'],
      ['e7', 'payout po-2 was sent but never started: no share is known to leave with it'],
    ]);
    expect(accounts).toEqual([account({ channelId: 'ch1', received: 100n, paidOut: 100n })]);
  });

  it('the ledger taken midway is not changed by what is added after it', () => {
    const log = createPayoutLog();
    log.split('p1', 'ch1', 100n, 0, '1001');
    const fold = createLedgerFold();
    fold.add(log.events[0]!);
    const midway = fold.ledger();
    log.start('po-1', 'ch1', '1001', ['p1'], 100n);
    log.sent('po-1', 'ch1', '1001', 100n);
    for (const event of log.events.slice(1)) fold.add(event);
    expect(midway.accounts[0]).toMatchObject({ pending: 100n, paidOut: 0n });
    expect(fold.ledger().accounts[0]).toMatchObject({ pending: 0n, paidOut: 100n });
  });
});
