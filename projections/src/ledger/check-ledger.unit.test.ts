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
      fees: 150_000n,
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
});
