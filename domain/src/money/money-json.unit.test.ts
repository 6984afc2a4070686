import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from './money.ts';
import { moneyFromJson, moneyToJson } from './money-json.ts';

describe('money JSON', () => {
  it('writes the bigint as a decimal string', () => {
    expect(moneyToJson(money(1250n, 'USD'))).toEqual({ amount: '1250', currency: 'USD', decimals: 2 });
    expect(JSON.stringify(moneyToJson(money(10n ** 30n, 'ETH')))).toBe('{"amount":"1000000000000000000000000000000","currency":"ETH","decimals":18}');
  });

  it('round-trips through JSON text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), fc.constantFrom('USD', 'BTC', 'ETH', 'USDTTRC20'), (amount, code) => {
        const m = money(amount, code);
        expect(moneyFromJson(JSON.parse(JSON.stringify(moneyToJson(m))))).toEqual(m);
      }),
    );
  });

  it('does not need the currency to be in today\'s registry to read an old event', () => {
    expect(moneyFromJson({ amount: '5', currency: 'OLDCOIN', decimals: 4 })).toEqual({ amount: 5n, currency: 'OLDCOIN', decimals: 4 });
  });

  it.each([
    [{ amount: 1250, currency: 'USD', decimals: 2 }, 'amount'],
    [{ amount: '12.50', currency: 'USD', decimals: 2 }, 'amount'],
    [{ amount: '0012', currency: 'USD', decimals: 2 }, 'amount'],
    [{ amount: '-0', currency: 'USD', decimals: 2 }, 'amount'],
    [{ amount: '1', currency: 'usd', decimals: 2 }, 'currency'],
    [{ amount: '1', currency: 'USD', decimals: 2.5 }, 'decimals'],
    [{ amount: '1', currency: 'USD' }, 'decimals'],
    [null, '(root)'],
  ])('rejects %j naming %s', (json, field) => {
    expect(() => moneyFromJson(json)).toThrow(expect.objectContaining({ kind: 'validation', message: expect.stringContaining(field) }));
  });
});
