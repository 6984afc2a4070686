import type { DomainCommand } from '../decider/decider.ts';
import type { Money } from '../money/index.ts';

export type RegisterChannel = DomainCommand<
  'RegisterChannel',
  { channelId: string; chatId: string; ownerId: string; title: string; registeredAt: string }
>;

/** Prices a new tier or re-prices an existing one; price in USD (2 decimals). */
export type PriceTier = DomainCommand<
  'PriceTier',
  { channelId: string; tierId: string; name: string; price: Money; durationDays: number; pricedAt: string }
>;

export type RetireTier = DomainCommand<'RetireTier', { channelId: string; tierId: string; retiredAt: string }>;

export type ChannelCommand = RegisterChannel | PriceTier | RetireTier;
