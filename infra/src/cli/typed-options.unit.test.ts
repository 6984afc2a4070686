import { describe, expect, it } from 'vitest';
import { formatMoney } from '@paygate/domain';
import { chatIdOption, daysOption, priceUsdOption, userIdOption } from './typed-options.ts';

describe('option values read as the bot reads an owner', () => {
  it.each([
    ['9.99', '9.99'],
    ['9,99', '9.99'],
    ['$9.99', '9.99'],
    ['12 USD', '12.00'],
    ['12', '12.00'],
  ])('--price-usd %s is %s USD', (text, amount) => {
    expect(formatMoney(priceUsdOption({ 'price-usd': text }, 'price-usd', 'tier set'))).toBe(amount);
  });

  it.each([
    ['30', 30],
    ['30d', 30],
    ['365 days', 365],
  ])('--days %s is %i days', (text, days) => {
    expect(daysOption({ days: text }, 'days', 'tier set')).toBe(days);
  });

  it('ids are kept as the decimal text they are (Telegram ids exceed 2^53 in principle)', () => {
    expect(userIdOption({ user: '5000000001' }, 'user', 'x')).toBe('5000000001');
    expect(chatIdOption({ chat: '-1002000000001' }, 'chat', 'x')).toBe('-1002000000001');
  });
});
