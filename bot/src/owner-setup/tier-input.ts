import { createHash } from 'node:crypto';
import { DONATION_TIER_ID, MAX_DURATION_DAYS, parseMoney, TIER_PRICE_CURRENCY, type Money } from '@paygate/domain';
import type { BotTier } from '../deps.ts';

/**
 * Owners type tier terms as text ("/addtier Monthly 9.99 30"); these turn that text into exact
 * values or say what is wrong. Prices are US dollars with at most two decimals ("9.99", "$9.99",
 * "9,99", "12 USD"); durations whole days ("30", "30d", "30 days").
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: 'price' | 'duration' | 'name' };

export const MAX_TIER_NAME = 64;

export const parsePriceUsd = (text: string): Parsed<Money> => {
  const cleaned = text.trim().replace(/^\$/, '').replace(/\$$/, '').replace(/\s*usd$/i, '').replace(',', '.');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return { ok: false, error: 'price' };
  const price = parseMoney(cleaned, TIER_PRICE_CURRENCY);
  return price.amount > 0n ? { ok: true, value: price } : { ok: false, error: 'price' };
};

export const parseDays = (text: string): Parsed<number> => {
  const match = /^(\d{1,5})\s*(d|days?)?$/i.exec(text.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(days) && days >= 1 && days <= MAX_DURATION_DAYS ? { ok: true, value: days } : { ok: false, error: 'duration' };
};

export const parseTierName = (text: string): Parsed<string> => {
  const name = text.trim().replace(/\s+/g, ' ');
  return name.length >= 1 && name.length <= MAX_TIER_NAME ? { ok: true, value: name } : { ok: false, error: 'name' };
};

/** Whole-word tokens, with a price like "12 USD" kept as one. */
export const tokens = (text: string): string[] => text.trim().split(/\s+/).filter((token) => token.length > 0);

/** The tier a name or id names: case-insensitive on the name, exact on the id; retired ones too. */
export const findTierByName = (tiers: readonly BotTier[], text: string): BotTier | undefined => {
  const wanted = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return tiers.find((tier) => !tier.retired && tier.name.toLowerCase() === wanted) ?? tiers.find((tier) => tier.name.toLowerCase() === wanted || tier.tierId === text.trim());
};

/**
 * A new tier's id from its name: a short slug ("Gold plan" → "gold-plan"), a hash when the name
 * has no letters or digits, suffixed when a (retired) tier already uses it.
 */
export const newTierId = (name: string, tiers: readonly BotTier[]): string => {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || `t${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  const taken = new Set([DONATION_TIER_ID, ...tiers.map((tier) => tier.tierId)]); // reserved for donation invoices
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
};
