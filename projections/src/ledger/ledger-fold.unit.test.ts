import { describe, expect, it } from 'vitest';
import { createPayoutLog } from '../test-support/payout-log.ts';
import { createLedgerFold, foldLedger } from './ledger-fold.ts';

const account = (fields: Record<string, unknown>) => ({
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
const eth = (fields: Record<string, unknown>) => account({ currency: 'ETH', decimals: 18, ...fields });
const usdt = (fields: Record<string, unknown>) => account({ currency: 'USDTERC20', ...fields });

/**
 * Two threshold channels settled in ETH: ch1 (owner 1001) pools p1 and p2, ch2 (owner 1002) pools
 * p3; the pool leaves in one conversion. Shares 2 : 1 of an output of 10 units: 6.67 and 3.33, so
 * largest remainder gives ch1 7 and ch2 3 (uneven, and summing to 10).
 */
const conversionLog = () => {
  const log = createPayoutLog();
  const a = log.split('p1', 'ch1', 1_000n, 0, '1001', 'ETH');
  const b = log.split('p2', 'ch1', 1_000n, 0, '1001', 'ETH');
  const c = log.split('p3', 'ch2', 1_000n, 0, '1002', 'ETH');
  log.pool('ch1', 'p1', a);
  log.pool('ch1', 'p2', b);
  log.pool('ch2', 'p3', c);
  log.conversionStarted('conversion-eth-1', [
    { channelId: 'ch1', paymentIds: ['p1', 'p2'], amount: a + b },
    { channelId: 'ch2', paymentIds: ['p3'], amount: c },
  ]);
  log.startConversion('conversion-eth-1', ['p1', 'p2', 'p3'], a + b + c);
  return { log, a, b, c };
};

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

  describe('a conversion shared by two channels, allocated unevenly', () => {
    it('given pooled ETH shares, when the pool converts, then each channel’s shares are converted out, not pending; the conversion pays no owner', () => {
      const { log, a, b, c } = conversionLog();
      const ledger = foldLedger(log.events);
      expect(ledger.accounts).toEqual([
        eth({ channelId: 'ch1', received: 2_000n, convertedOut: a + b }),
        eth({ channelId: 'ch2', ownerId: '1002', received: 1_000n, convertedOut: c }),
      ]);
      expect(ledger.conversions).toEqual([
        { conversionId: 'conversion-eth-1', currency: 'ETH', decimals: 18, amount: 3_000n, toCurrency: 'USDTERC20', toDecimals: null, received: null, allocated: 0n, channels: 2, allocations: 0 },
      ]);
      expect(ledger.problems).toEqual([]);
    });

    it('when it is sent and allocated (largest remainder: 7 and 3 of 10), then each channel’s stable coin is converted in and pending until the owner payout is sent', () => {
      const { log } = conversionLog();
      log.sentConversion('conversion-eth-1', 3_000n, 10n);
      log.allocate('ch1', 'conversion-eth-1', ['p1', 'p2'], 7n, 2_000n, 7n);
      log.allocate('ch2', 'conversion-eth-1', ['p3'], 3n, 1_000n, 3n);
      let ledger = foldLedger(log.events);
      expect(ledger.accounts).toEqual([
        eth({ channelId: 'ch1', received: 2_000n, convertedOut: 2_000n }),
        usdt({ channelId: 'ch1', convertedIn: 7n, pending: 7n }),
        eth({ channelId: 'ch2', ownerId: '1002', received: 1_000n, convertedOut: 1_000n }),
        usdt({ channelId: 'ch2', ownerId: '1002', convertedIn: 3n, pending: 3n }),
      ]);
      expect(ledger.conversions[0]).toMatchObject({ received: 10n, toDecimals: 6, allocated: 10n, allocations: 2 });

      // ch1's USDT balance leaves in an owner payout carrying the converted payments (plus a USDT payment of its own).
      const d = log.split('p4', 'ch1', 500n, 0, '1001', 'USDTERC20');
      log.batch('ch1', 'ch1-usdterc20-1', ['p1', 'p2', 'p4'], 7n + d, 'USDTERC20');
      log.start('ch1-usdterc20-1', 'ch1', '1001', ['p1', 'p2', 'p4'], 7n + d, 'USDTERC20');
      expect(foldLedger(log.events).accounts[1]).toEqual(usdt({ channelId: 'ch1', received: 500n, convertedIn: 7n, pending: 7n + d, inPayout: 7n + d }));
      log.sent('ch1-usdterc20-1', 'ch1', '1001', 7n + d, 'USDTERC20');
      ledger = foldLedger(log.events);
      expect(ledger.accounts[1]).toEqual(usdt({ channelId: 'ch1', received: 500n, convertedIn: 7n, paidOut: 7n + d }));
      expect(ledger.owners.find((owner) => owner.ownerId === '1002' && owner.currency === 'USDTERC20')).toMatchObject({ convertedIn: 3n, pending: 3n, paidOut: 0n });
      expect(ledger.problems).toEqual([]);
    });

    it('names an allocation off the rule, one for a channel that was not in it, one before the conversion was sent, and a conversion sent for another amount', () => {
      const { log } = conversionLog();
      log.allocate('ch2', 'conversion-eth-1', ['p3'], 3n, 1_000n, 3n);
      log.sentConversion('conversion-eth-1', 2_999n, 10n);
      log.allocate('ch1', 'conversion-eth-1', ['p1', 'p2'], 8n, 2_000n, 8n);
      log.allocate('ch9', 'conversion-eth-1', ['p9'], 1n, 1n, 1n);
      log.allocate('ch1', 'conversion-eth-1', ['p1', 'p2'], 7n, 2_000n, 15n);
      const { problems } = foldLedger(log.events);
      expect(problems.map((problem) => problem.reason)).toEqual([
        'conversion conversion-eth-1 is allocated to channel ch2 before it was sent',
        'conversion conversion-eth-1 sent 2999 ETH; the pool started it with 3000 ETH',
        "conversion conversion-eth-1's allocation to channel ch1 is 8; the allocation rule gives it 7 of 10",
        'conversion conversion-eth-1 is allocated to channel ch9, whose shares did not go into it',
        'conversion conversion-eth-1 was allocated to channel ch1 before; this allocation is not counted',
      ]);
    });

    it('a converted share paid again in its own currency, or converted twice, is named', () => {
      const { log, a } = conversionLog();
      log.conversionStarted('conversion-eth-2', [{ channelId: 'ch1', paymentIds: ['p1'], amount: a }]);
      log.start('ch1-eth-1', 'ch1', '1001', ['p1'], a, 'ETH');
      log.sent('ch1-eth-1', 'ch1', '1001', a, 'ETH');
      const { problems, accounts } = foldLedger(log.events);
      expect(problems.map((problem) => problem.reason)).toEqual([
        'payment p1 was already converted (conversion-eth-1); conversion conversion-eth-2 carries it again',
        'payment p1 was already converted (conversion-eth-1)',
      ]);
      // The identity shows the money counted twice: ch1 converted out and paid out more than it received.
      expect(accounts[0]).toMatchObject({ received: 2_000n, convertedOut: 2_000n + a, paidOut: a, pending: 0n });
    });
  });
});
