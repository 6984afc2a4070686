import { describe, expect, it } from 'vitest';
import { money } from '@paygate/domain';
import type { BotTier } from '../deps.ts';
import { findTierByName, newTierId, parseDays, parsePriceUsd, parseTierName, tokens } from './tier-input.ts';

const tier = (tierId: string, name: string, retired = false): BotTier => ({ tierId, name, price: money(999n, 'USD'), durationDays: 30, retired });

describe('tier input', () => {
  it.each([
    ['9.99', 999n],
    ['$9.99', 999n],
    ['9,99', 999n],
    ['12', 1200n],
    ['12.5', 1250n],
    ['12.50usd', 1250n],
    ['0.01', 1n],
  ])('reads the price %s exactly', (text, cents) => expect(parsePriceUsd(text)).toEqual({ ok: true, value: money(cents, 'USD') }));

  it.each(['0', '0.00', '-1', '9.999', '1e3', 'abc', '', '9.99.1', '12 EUR', 'NaN', '1234567890123'])('refuses the price %j', (text) =>
    expect(parsePriceUsd(text)).toEqual({ ok: false, error: 'price' }),
  );

  it.each([
    ['30', 30],
    ['30d', 30],
    ['1 day', 1],
    ['3650days', 3650],
  ])('reads the duration %s', (text, days) => expect(parseDays(text)).toEqual({ ok: true, value: days }));

  it.each(['0', '3651', '1.5', '-3', 'month', ''])('refuses the duration %j', (text) => expect(parseDays(text)).toEqual({ ok: false, error: 'duration' }));

  it('normalises names and bounds them', () => {
    expect(parseTierName('  Gold   plan ')).toEqual({ ok: true, value: 'Gold plan' });
    expect(parseTierName('')).toEqual({ ok: false, error: 'name' });
    expect(parseTierName('x'.repeat(65))).toEqual({ ok: false, error: 'name' });
  });

  it('splits arguments on any whitespace', () => expect(tokens('  Monthly\t9.99 \n 30 ')).toEqual(['Monthly', '9.99', '30']));

  it('derives ids: slug, hash for symbol-only names, suffix when taken (even by a retired tier)', () => {
    expect(newTierId('Gold Plan!', [])).toBe('gold-plan');
    expect(newTierId('Café VIP', [])).toBe('cafe-vip');
    expect(newTierId('⭐⭐', [])).toMatch(/^t[0-9a-f]{8}$/);
    expect(newTierId('Monthly', [tier('monthly', 'Monthly', true), tier('monthly-2', 'Other')])).toBe('monthly-3');
    expect(newTierId('Donation', [])).toBe('donation-2'); // 'donation' is reserved for donation invoices
    expect(newTierId('x'.repeat(100), [])).toHaveLength(32);
  });

  it('finds a tier by name (case-insensitive, live ones first) or by id', () => {
    const tiers = [tier('monthly', 'Monthly', true), tier('monthly-2', 'Monthly'), tier('gold', 'Gold Plan')];
    expect(findTierByName(tiers, 'monthly')?.tierId).toBe('monthly-2');
    expect(findTierByName(tiers, 'gold   plan')?.tierId).toBe('gold');
    expect(findTierByName(tiers, 'gold')?.tierId).toBe('gold');
    expect(findTierByName(tiers, 'yearly')).toBeUndefined();
  });
});
