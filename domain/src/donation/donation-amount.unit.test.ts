import { describe, expect, it } from 'vitest';
import { isPayGateError } from '../errors/index.ts';
import { money } from '../money/index.ts';
import { assertDonationAmount, donationLimits, parseDonationAmount } from './donation-amount.ts';

const refusal = (run: () => unknown): { kind: string; message: string } => {
  try {
    run();
  } catch (error) {
    if (isPayGateError(error)) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('donation amounts', () => {
  it('USD: from 1.00 to 10000.00', () => {
    expect(donationLimits('usd')).toEqual({ min: money(100n, 'USD'), max: money(1_000_000n, 'USD') });
  });

  it.each([
    ['5', 500n],
    ['12.5', 1250n],
    ['12.50', 1250n],
    [' 1 ', 100n],
    ['1.00', 100n],
    ['10000', 1_000_000n],
    ['10000.00', 1_000_000n],
  ])('reads %j exactly as %s cents', (text, cents) => {
    expect(parseDonationAmount(text)).toEqual(money(cents, 'USD'));
  });

  it.each([
    ['0.99', 'the minimum donation is 1.00 USD'],
    ['0', 'the minimum donation is 1.00 USD'],
    ['10000.01', 'the maximum donation is 10000.00 USD'],
    ['1.005', 'at most 2 decimals'],
    ['-5', 'enter an amount'],
    ['1e3', 'enter an amount'],
    ['five', 'enter an amount'],
    ['', 'enter an amount'],
    ['1,5', 'enter an amount'],
  ])('refuses %j: %s', (text, message) => {
    const error = refusal(() => parseDonationAmount(text));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain(message);
  });

  it('a currency donations are not priced in is refused by name', () => {
    expect(refusal(() => parseDonationAmount('5', 'BTC')).message).toContain('cannot be priced in BTC');
    expect(refusal(() => assertDonationAmount(money(500n, 'USDTTRC20'))).message).toContain('USDTTRC20');
  });

  it('checks Money built elsewhere too (limits and decimals)', () => {
    expect(() => assertDonationAmount(money(100n, 'USD'))).not.toThrow();
    expect(refusal(() => assertDonationAmount(money(99n, 'USD'))).message).toContain('minimum');
    expect(refusal(() => assertDonationAmount({ amount: 1000n, currency: 'USD', decimals: 3 })).message).toContain('2 decimals');
  });
});
