import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToUnits, normalizeDecimal, numberToDecimalString, unitsToDecimal } from '../decimal.ts';
import { parseIpnPayload } from '../ipn-payload.ts';
import { SANDBOX_COINS } from './currencies.ts';
import { planPayment, SANDBOX_OUTCOMES, STATUS_SEQUENCES, type SandboxOutcome } from './payment-flow.ts';

const usdt = SANDBOX_COINS['usdttrc20']!;
const btc = SANDBOX_COINS['btc']!;

const plan = (priceAmount: string, outcome: SandboxOutcome = 'finished', payCoin = usdt, priceCurrency = 'usd') =>
  planPayment({
    invoice: { id: '4000000123', orderId: 'inv_1', orderDescription: 'Gold tier, 30 days', priceAmount, priceCurrency },
    outcome,
    payCoin,
    outcomeCoin: usdt,
    paymentId: 5000000001,
    purchaseId: '6000000001',
    feeBps: 50,
    createdAt: '2025-01-01T00:00:00.000Z',
  });

/** The literal digits of a top-level number field in a JSON text. */
const literal = (json: string, field: string) => new RegExp(`"${field}":(-?[0-9.e+-]+)`).exec(json)?.[1];

describe('planPayment', () => {
  it('walks the documented status sequences', () => {
    expect(STATUS_SEQUENCES.finished).toEqual(['waiting', 'confirming', 'confirmed', 'sending', 'finished']);
    for (const outcome of SANDBOX_OUTCOMES) {
      expect(plan('25', outcome).steps.map((s) => s.status)).toEqual(STATUS_SEQUENCES[outcome]);
    }
  });

  it('computes exact usdttrc20 amounts for a 25 USD invoice', () => {
    const p = plan('25');
    expect(p.payAmount).toBe('25.005002'); // 25 / 0.9998, rounded up to 6 places
    expect(p.actuallyPaid).toBe('25.005002');
    expect(p.payAddress).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    const finished = JSON.stringify(p.steps.at(-1)!.payload('2025-01-01T00:05:00.000Z'));
    expect(literal(finished, 'pay_amount')).toBe('25.005002');
    expect(literal(finished, 'actually_paid')).toBe('25.005002');
    expect(literal(finished, 'outcome_amount')).toBe('24.879976'); // 25.005002 − ⌈0.5 %⌉
    expect(literal(finished, 'price_amount')).toBe('25');
    expect(finished).toContain('"fee":{"currency":"usdttrc20","depositFee":0.125026,"withdrawalFee":0,"serviceFee":0}');
    const waiting = JSON.stringify(p.steps[0]!.payload('2025-01-01T00:00:00.000Z'));
    expect(literal(waiting, 'actually_paid')).toBe('0');
    expect(waiting).not.toContain('"fee"');
  });

  it('partial and expired payments pay less or nothing', () => {
    expect(plan('25', 'partially_paid').actuallyPaid).toBe('15.003001'); // 60 %, rounded down
    expect(plan('25', 'expired').actuallyPaid).toBe('0');
  });

  it('every body passes the IPN schema and every amount reads back exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000n }), // cents
        fc.constantFrom(...SANDBOX_OUTCOMES),
        fc.constantFrom(...Object.values(SANDBOX_COINS)),
        fc.constantFrom('usd', 'eur'),
        (cents, outcome, coin, currency) => {
          const price = unitsToDecimal(cents, 2);
          const p = plan(price, outcome, coin, currency);
          // Paying never asks for less than the price is worth.
          expect(decimalToUnits(p.payAmount, coin.decimals)).toBeGreaterThan(0n);
          for (const step of p.steps) {
            const body = step.payload('2025-01-01T00:00:00.000Z');
            const text = JSON.stringify(body);
            const parsed = parseIpnPayload(JSON.parse(text));
            expect(parsed.ok).toBe(true);
            if (!parsed.ok) return;
            expect(numberToDecimalString(parsed.payload.price_amount)).toBe(normalizeDecimal(price));
            expect(numberToDecimalString(parsed.payload.pay_amount)).toBe(p.payAmount);
            const paid = step.status === 'waiting' ? '0' : p.actuallyPaid;
            expect(numberToDecimalString(parsed.payload.actually_paid)).toBe(paid);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('quotes BTC with 8 decimals', () => {
    expect(plan('19.99', 'finished', btc).payAmount).toBe('0.00031113');
  });
});
