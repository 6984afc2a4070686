import type { SubscriptionCommand } from './subscription-commands.ts';
import type { SubscriptionEvent } from './subscription-events.ts';

// Test data for the subscription decider's tests (imported by *.unit.test.ts only).
export const channelId = 'ch1';
export const subscriberId = '777';
export const pair = { channelId, subscriberId };
export const t0 = '2026-01-01T00:00:00.000Z';
export const link1 = 'https://t.me/+link1';
export const link2 = 'https://t.me/+link2';
export const GRACE = 86_400;

type Data<Type extends SubscriptionEvent['type']> = Extract<SubscriptionEvent, { type: Type }>['data'];
type CommandData<Type extends SubscriptionCommand['type']> = Extract<SubscriptionCommand, { type: Type }>['data'];

export const ev = <Type extends SubscriptionEvent['type']>(type: Type, data: Omit<Data<Type>, 'channelId' | 'subscriberId'>): SubscriptionEvent =>
  ({ type, data: { ...pair, ...data } }) as unknown as SubscriptionEvent;

export const cmd = <Type extends SubscriptionCommand['type']>(
  type: Type,
  data: Omit<CommandData<Type>, 'channelId' | 'subscriberId'>,
): SubscriptionCommand => ({ type, data: { ...pair, ...data } }) as unknown as SubscriptionCommand;

export const grant = (invoiceId: string, at: string, inviteLink = link1, durationDays = 30, extra: Partial<CommandData<'GrantAccess'>> = {}) =>
  cmd('GrantAccess', {
    invoiceId,
    paymentId: `p_${invoiceId}`,
    tierId: 'monthly',
    chatId: '-1001234567890',
    durationDays,
    inviteLink,
    linkName: `pg1-${invoiceId}`,
    linkExpiresAt: new Date(Date.parse(at) + 86_400_000).toISOString(),
    grantedAt: at,
    graceSeconds: GRACE,
    ...extra,
  });

export const granted = (invoiceId: string, at: string, inviteLink = link1): SubscriptionEvent =>
  ev('AccessGranted', {
    invoiceId,
    paymentId: `p_${invoiceId}`,
    tierId: 'monthly',
    chatId: '-1001234567890',
    inviteLink,
    linkName: `pg1-${invoiceId}`,
    linkExpiresAt: new Date(Date.parse(at) + 86_400_000).toISOString(),
    grantedAt: at,
  });

export const started = (invoiceId: string, startsAt: string, endsAt: string): SubscriptionEvent =>
  ev('SubscriptionStarted', { invoiceId, tierId: 'monthly', durationDays: 30, startsAt, endsAt });

export const extended = (invoiceId: string, previousEndsAt: string, endsAt: string, extendedAt: string): SubscriptionEvent =>
  ev('SubscriptionExtended', { invoiceId, tierId: 'monthly', durationDays: 30, previousEndsAt, endsAt, extendedAt });

/** A subscription started at t0 for 30 days (ends 2026-01-31) through link1. */
export const active: SubscriptionEvent[] = [granted('inv1', t0), started('inv1', t0, '2026-01-31T00:00:00.000Z')];
export const END = '2026-01-31T00:00:00.000Z';
