import { describe, expect, it } from 'vitest';
import { channelBalanceFromRow, balancesProjection } from '../balances/index.ts';
import { foldRows } from '../rows/index.ts';
import { createPayoutLog } from '../test-support/payout-log.ts';
import { checkLedger } from './check-ledger.ts';
import { foldLedger } from './ledger-fold.ts';

const balancesOf = (log: ReturnType<typeof createPayoutLog>) =>
  foldRows(balancesProjection.rows, log.events).owner_balances!.map((row) => channelBalanceFromRow(row as Parameters<typeof channelBalanceFromRow>[0]));

/** Two owners, three payments, one payout sent. */
const paidLog = () => {
  const log = createPayoutLog();
  const a = log.split('p1', 'ch1', 1_000_000n, 500, '1001');
  const b = log.split('p2', 'ch1', 2_000_000n, 500, '1001');
  log.split('p3', 'ch2', 3_000_000n, 500, '1002');
  log.batch('ch1', 'ch1-usdttrc20-1', ['p1', 'p2'], a + b);
  log.start('ch1-usdttrc20-1', 'ch1', '1001', ['p1', 'p2'], a + b);
  return { log, shares: a + b };
};

describe('checkLedger', () => {
  it('a sound log balances, and agrees with the owner_balances read model', () => {
    const { log, shares } = paidLog();
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', shares);
    expect(checkLedger(foldLedger(log.events), balancesOf(log))).toEqual([]);
  });

  it('a PayoutSent for another amount than the shares it carried: identity off, naming owner and difference; the read model differs', () => {
    const { log, shares } = paidLog();
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', shares + 5n);
    const found = checkLedger(foldLedger(log.events), balancesOf(log));
    expect(found).toContainEqual({
      kind: 'identity',
      ownerId: '1001',
      channelId: 'ch1',
      currency: 'USDTTRC20',
      decimals: 6,
      received: 3_000_000n,
      convertedIn: 0n,
      fees: 150_000n,
      convertedOut: 0n,
      paidOut: shares + 5n,
      pending: 0n,
      difference: -5n,
    });
    // The read model took the amount at its word: its pending went 5 below zero.
    expect(found).toContainEqual(expect.objectContaining({ kind: 'read-model', ownerId: '1001', field: 'pending', ledger: 0n, readModel: -5n, difference: -5n }));
    expect(found.filter((d) => d.kind === 'identity')).toHaveLength(1);
  });

  it('a missing split: the payout pays a share the ledger never saw', () => {
    const { log, shares } = paidLog();
    log.sent('ch1-usdttrc20-1', 'ch1', '1001', shares);
    const missing = log.events.filter((event) => event.streamId !== 'split-p2');
    const found = checkLedger(foldLedger(missing));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'identity', ownerId: '1001', difference: -1_900_000n }));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'event', reason: 'payout ch1-usdttrc20-1 carries payment p2, which has no split' }));
  });

  it('a read model row that is off, or missing, is named field by field', () => {
    const { log } = paidLog();
    const [ch1, ch2] = balancesOf(log);
    const off = { ...ch1!, fees: { ...ch1!.fees, amount: ch1!.fees.amount + 1n } };
    expect(checkLedger(foldLedger(log.events), [off])).toEqual([
      { kind: 'read-model', ownerId: '1001', channelId: 'ch1', currency: 'USDTTRC20', decimals: 6, field: 'fees', ledger: 150_000n, readModel: 150_001n, difference: 1n },
      ...(['received', 'fees', 'pending'] as const).map((field) => ({
        kind: 'read-model',
        ownerId: '1002',
        channelId: 'ch2',
        currency: 'USDTTRC20',
        decimals: 6,
        field,
        ledger: ch2![field].amount,
        readModel: 0n,
        difference: -ch2![field].amount,
      })),
    ]);
  });

  describe('a conversion shared by two channels, allocated unevenly (7 and 3 of 10)', () => {
    /** Given ETH shares of two threshold channels, pooled and converted together, sent for 10 units of USDT. */
    const convertedLog = () => {
      const log = createPayoutLog();
      const a = log.split('p1', 'ch1', 2_000n, 0, '1001', 'ETH');
      const b = log.split('p2', 'ch2', 1_000n, 0, '1002', 'ETH');
      log.pool('ch1', 'p1', a);
      log.pool('ch2', 'p2', b);
      log.conversionStarted('conversion-eth-1', [
        { channelId: 'ch1', paymentIds: ['p1'], amount: a },
        { channelId: 'ch2', paymentIds: ['p2'], amount: b },
      ]);
      log.startConversion('conversion-eth-1', ['p1', 'p2'], a + b);
      log.sentConversion('conversion-eth-1', a + b, 10n);
      return log;
    };

    it('when the output is allocated and ch1’s owner paid, then the books balance per channel and currency, and the read model agrees', () => {
      const log = convertedLog();
      log.allocate('ch1', 'conversion-eth-1', ['p1'], 7n, 2_000n, 7n);
      log.allocate('ch2', 'conversion-eth-1', ['p2'], 3n, 1_000n, 3n);
      log.batch('ch1', 'ch1-usdterc20-1', ['p1'], 7n, 'USDTERC20');
      log.start('ch1-usdterc20-1', 'ch1', '1001', ['p1'], 7n, 'USDTERC20');
      log.sent('ch1-usdterc20-1', 'ch1', '1001', 7n, 'USDTERC20');
      const ledger = foldLedger(log.events);
      expect(checkLedger(ledger, balancesOf(log))).toEqual([]);
      expect(ledger.accounts.map(({ channelId, currency, received, convertedIn, convertedOut, paidOut, pending }) => [channelId, currency, received, convertedIn, convertedOut, paidOut, pending])).toEqual([
        ['ch1', 'ETH', 2_000n, 0n, 2_000n, 0n, 0n],
        ['ch1', 'USDTERC20', 0n, 7n, 0n, 7n, 0n],
        ['ch2', 'ETH', 1_000n, 0n, 1_000n, 0n, 0n],
        ['ch2', 'USDTERC20', 0n, 3n, 0n, 0n, 3n],
      ]);
      expect(ledger.conversions).toEqual([expect.objectContaining({ conversionId: 'conversion-eth-1', amount: 3_000n, received: 10n, allocated: 10n })]);
    });

    it('when an owner payout is sent for more than the allocation it carried, then the identity names the stable-coin account', () => {
      const log = convertedLog();
      log.allocate('ch1', 'conversion-eth-1', ['p1'], 7n, 2_000n, 7n);
      log.start('ch1-usdterc20-1', 'ch1', '1001', ['p1'], 7n, 'USDTERC20');
      log.sent('ch1-usdterc20-1', 'ch1', '1001', 9n, 'USDTERC20');
      expect(checkLedger(foldLedger(log.events))).toEqual([
        {
          kind: 'identity',
          ownerId: '1001',
          channelId: 'ch1',
          currency: 'USDTERC20',
          decimals: 6,
          received: 0n,
          convertedIn: 7n,
          fees: 0n,
          convertedOut: 0n,
          paidOut: 9n,
          pending: 0n,
          difference: -2n,
        },
      ]);
    });

    it('when a ConversionStarted takes more than the shares it carries, then the identity names the converted account', () => {
      const log = createPayoutLog();
      const a = log.split('p1', 'ch1', 2_000n, 0, '1001', 'ETH');
      log.conversionStarted('conversion-eth-1', [{ channelId: 'ch1', paymentIds: ['p1'], amount: a + 1n }]);
      expect(checkLedger(foldLedger(log.events))).toEqual([expect.objectContaining({ kind: 'identity', channelId: 'ch1', currency: 'ETH', convertedOut: 2_001n, difference: -1n })]);
    });

    it('when an allocation is off the rule, then it is named as an event, and the read model (which took it at its word) still agrees with the ledger', () => {
      const log = convertedLog();
      log.allocate('ch1', 'conversion-eth-1', ['p1'], 6n, 2_000n, 6n);
      const found = checkLedger(foldLedger(log.events), balancesOf(log));
      expect(found).toEqual([
        expect.objectContaining({ kind: 'event', type: 'PayoutAccumulated', reason: "conversion conversion-eth-1's allocation to channel ch1 is 6; the allocation rule gives it 7 of 10" }),
      ]);
    });
  });
});
