import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancesProjection, channelBalanceFromRow } from '../balances/index.ts';
import { foldRows } from '../rows/index.ts';
import { createPayoutLog, moneyJson, type PayoutLog } from '../test-support/payout-log.ts';
import { checkLedger } from './check-ledger.ts';
import { foldLedger } from './ledger-fold.ts';

// Invariant 5 with refunds: whatever is refunded when (share pending, in a payout, paid out),
// the books balance to the unit, the read model agrees with the ledger, and received and fees
// are net of the refunds. A share refunded while it waits in the balance is taken back from it
// (PayoutAccumulationReversed, as the payout balance manager does) and no payout carries it, so
// only a share refunded after it left in a payout is owed (pending below zero).

/** SplitReversed as the split decider makes it from the payment's SplitCalculated. */
const reverse = (log: PayoutLog, paymentId: string) => {
  const split = log.events.find((event) => event.type === 'SplitCalculated' && (event.data as { paymentId: string }).paymentId === paymentId)!;
  const { feeBps: _feeBps, calculatedAt: _calculatedAt, ...amounts } = split.data as Record<string, unknown>;
  log.record(`split-${paymentId}`, 'SplitReversed', { ...amounts, reason: 'refunded', reversedAt: log.at() });
};

const stepArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), channel: fc.nat({ max: 3 }), gross: fc.bigInt({ min: 1n, max: 10n ** 12n }), feeBps: fc.integer({ min: 0, max: 10_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payout' as const), channel: fc.nat({ max: 3 }), sent: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat() }) },
);

describe('ledger with refunds (property)', () => {
  it('any refunds at any time: the books balance, the read model agrees, received and fees are net of refunds', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 120 }), (steps) => {
        const log = createPayoutLog();
        const unpaid = new Map<number, { ids: string[]; units: bigint }>();
        const splits: { paymentId: string; channel: number; gross: bigint; fee: bigint; share: bigint }[] = [];
        const sent = new Set<string>();
        const refunded = new Set<string>();
        let payouts = 0;
        for (const step of steps) {
          if (step.kind === 'pay') {
            const paymentId = `p${splits.length}`;
            const share = log.split(paymentId, `ch${step.channel}`, step.gross, step.feeBps, '1001');
            splits.push({ paymentId, channel: step.channel, gross: step.gross, fee: step.gross - share, share });
            const balance = unpaid.get(step.channel) ?? { ids: [], units: 0n };
            unpaid.set(step.channel, { ids: [...balance.ids, paymentId], units: balance.units + share });
            log.accumulate(`ch${step.channel}`, [paymentId], share, balance.units + share);
          } else if (step.kind === 'payout') {
            const balance = unpaid.get(step.channel);
            if (!balance || balance.ids.length === 0) continue;
            const payoutId = `ch${step.channel}-${(payouts += 1)}`;
            log.batch(`ch${step.channel}`, payoutId, balance.ids, balance.units);
            log.start(payoutId, `ch${step.channel}`, '1001', balance.ids, balance.units);
            if (step.sent) log.sent(payoutId, `ch${step.channel}`, '1001', balance.units);
            if (step.sent) for (const id of balance.ids) sent.add(id);
            unpaid.set(step.channel, { ids: [], units: 0n });
          } else {
            const open = splits.filter((split) => !refunded.has(split.paymentId));
            if (open.length === 0) continue;
            const { paymentId, channel, share } = open[step.pick % open.length]!;
            reverse(log, paymentId);
            refunded.add(paymentId);
            const balance = unpaid.get(channel);
            if (balance?.ids.includes(paymentId)) {
              const left = { ids: balance.ids.filter((id) => id !== paymentId), units: balance.units - share };
              unpaid.set(channel, left);
              log.record(`payout-accumulation-ch${channel}-usdttrc20`, 'PayoutAccumulationReversed', {
                channelId: `ch${channel}`,
                paymentId,
                amount: moneyJson(share),
                balance: moneyJson(left.units),
                reversedAt: log.at(),
              });
            }
          }
          const ledger = foldLedger(log.events);
          const rows = foldRows(balancesProjection.rows, log.events).owner_balances!.map((row) => channelBalanceFromRow(row as Parameters<typeof channelBalanceFromRow>[0]));
          expect(checkLedger(ledger, rows)).toEqual([]);
        }
        const ledger = foldLedger(log.events);
        const kept = splits.filter((split) => !refunded.has(split.paymentId));
        expect(ledger.accounts.reduce((sum, account) => sum + account.received, 0n)).toBe(kept.reduce((sum, split) => sum + split.gross, 0n));
        expect(ledger.accounts.reduce((sum, account) => sum + account.fees, 0n)).toBe(kept.reduce((sum, split) => sum + split.fee, 0n));
        // Pending: kept shares not yet sent, less the refunded shares a sent payout carried (owed).
        const owed = splits.filter((split) => refunded.has(split.paymentId) && sent.has(split.paymentId)).reduce((sum, split) => sum + split.share, 0n);
        const waiting = kept.filter((split) => !sent.has(split.paymentId)).reduce((sum, split) => sum + split.share, 0n);
        expect(ledger.accounts.reduce((sum, account) => sum + account.pending, 0n)).toBe(waiting - owed);
        expect(ledger.accounts.reduce((sum, account) => sum + account.paidOut, 0n)).toBe(splits.filter((split) => sent.has(split.paymentId)).reduce((sum, split) => sum + split.share, 0n));
      }),
      { numRuns: 150 },
    );
  });
});
