import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from './decimal.ts';
import { parseMoney } from './parse-money.ts';

// A copy of /work/shared/testdata/nowpayments-ipn-vectors.json (NOWPayments' documented IPN bodies).
const file = JSON.parse(readFileSync(new URL('./testdata/nowpayments-ipn-vectors.json', import.meta.url), 'utf8')) as {
  vectors: { name: string; rawBody: string }[];
};

type Ipn = Record<string, unknown> & { fee?: Record<string, unknown> };

/** JSON.parse twice: once as the webhook does (numbers), once keeping each number's source text. */
const parseBoth = (rawBody: string) => {
  const sources = new Map<string, string>();
  JSON.parse(rawBody, function (this: unknown, key: string, value: unknown, context?: { source?: string }) {
    if (typeof value === 'number' && context?.source) sources.set(key, context.source);
    return value;
  } as (key: string, value: unknown) => unknown);
  return { ipn: JSON.parse(rawBody) as Ipn, sources };
};

describe('NOWPayments IPN vector amounts', () => {
  it.each(file.vectors.map((vector) => [vector.name, vector.rawBody]))('%s: every amount parses exactly', (_name, rawBody) => {
    const { ipn, sources } = parseBoth(rawBody);
    // The number JSON.parse gives and the source digits denote the same decimal.
    for (const key of ['price_amount', 'pay_amount', 'actually_paid', 'outcome_amount']) {
      expect(canonicalDecimal(ipn[key] as number)).toBe(canonicalDecimal(sources.get(key) as string));
    }
    const price = parseMoney(ipn.price_amount as number, ipn.price_currency as string);
    expect(price.currency).toBe('USD');
    // Provider-reported crypto amounts are read with 'truncate' (see docs/payments.md).
    const paid = parseMoney(ipn.actually_paid as number, ipn.pay_currency as string, { rounding: 'truncate' });
    const payAmount = parseMoney(ipn.pay_amount as number, ipn.pay_currency as string, { rounding: 'truncate' });
    const outcome = parseMoney(ipn.outcome_amount as number, ipn.outcome_currency as string, { rounding: 'truncate' });
    expect(paid.amount).toBeGreaterThanOrEqual(0n);
    expect(payAmount.amount).toBeGreaterThan(0n);
    expect(outcome.amount).toBeGreaterThan(0n);
  });

  it('reads the documented amounts digit for digit', () => {
    const [flat, nested] = file.vectors.map((vector) => JSON.parse(vector.rawBody) as Ipn);
    expect(parseMoney(flat!.price_amount as number, flat!.price_currency as string)).toEqual({ amount: 17000n, currency: 'USD', decimals: 2 });
    expect(parseMoney(flat!.pay_amount as number, 'mana')).toEqual({ amount: 155_385_597_570_000_000_000n, currency: 'MANA', decimals: 18 });
    // 1131.7812095 TRX has 7 places; TRX moves in 6 (sun). Exact mode refuses, truncate drops the 7th.
    expect(() => parseMoney(flat!.outcome_amount as number, 'trx')).toThrow('1131.7812095 has more than 6 decimal places for TRX');
    expect(parseMoney(flat!.outcome_amount as number, 'trx', { rounding: 'truncate' }).amount).toBe(1_131_781_209n);
    expect(parseMoney(nested!.outcome_amount as number, 'trx')).toEqual({ amount: 14_810_600n, currency: 'TRX', decimals: 6 });
    const fee = nested!.fee!;
    expect(canonicalDecimal(fee.depositFee as number)).toBe('0.09853637216235617');
    expect(parseMoney(fee.depositFee as number, fee.currency as string, { rounding: 'truncate' }).amount).toBe(9_853_637n);
  });
});
