import { describe, expect, it } from 'vitest';
import { money } from '../money/index.ts';
import { formatAmount, formatReportedAmount, formatUtc, relativeDistance } from './format.ts';
import { relativeEn } from './en.ts';
import { messages, renderMessage, resolveLocale, SUPPORTED_LOCALES } from './messages.ts';

const now = new Date('2026-03-01T12:00:00.000Z');
const hint = { channelId: 'ch1' };

describe('formatting', () => {
  it('writes amounts exactly, with their currency', () => {
    expect(formatAmount(money(1250n, 'USD'))).toBe('12.50 USD');
    expect(formatAmount({ amount: '12439990', currency: 'USDTTRC20', decimals: 6 })).toBe('12.43999 USDTTRC20');
    expect(formatAmount(money(1n, 'ETH'))).toBe('0.000000000000000001 ETH');
    expect(formatAmount(money(10n ** 18n, 'ETH'))).toBe('1 ETH');
    expect(formatReportedAmount('6.2500', 'usdttrc20')).toBe('6.25 USDTTRC20');
  });

  it('writes times in UTC', () => {
    expect(formatUtc('2026-03-04T09:05:59.999+02:00')).toBe('2026-03-04 07:05 UTC');
  });

  it.each([
    ['2026-03-04T12:00:00.000Z', 'in 3 days'],
    ['2026-03-04T11:59:00.000Z', 'in 3 days'], // a minute late sweep still says 3 days
    ['2026-03-02T12:00:00.000Z', 'in 1 day'],
    ['2026-03-01T17:00:00.000Z', 'in 5 hours'],
    ['2026-03-01T12:20:00.000Z', 'in 20 minutes'],
    ['2026-03-01T12:00:10.000Z', 'now'],
    ['2026-02-27T12:00:00.000Z', '2 days ago'],
    ['2026-03-01T11:00:00.000Z', '1 hour ago'],
  ])('%s is %j', (iso, expected) => expect(relativeEn(iso, now)).toBe(expected));

  it('rounds to the nearest unit with integers', () => {
    expect(relativeDistance('2026-03-03T00:00:00.000Z', now)).toEqual({ count: 2, unit: 'day' }); // 1.5 days → 2
    expect(relativeDistance('2026-03-01T12:29:00.000Z', now)).toEqual({ count: 29, unit: 'minute' });
  });
});

describe('message catalogue', () => {
  it('resolves Telegram language codes, falling back to English', () => {
    expect(resolveLocale('en-US')).toBe('en');
    expect(resolveLocale('xx')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
    expect(SUPPORTED_LOCALES).toContain('en');
  });

  it('renders the invite link DM with the end date, the link and its expiry', () => {
    const text = messages.inviteLink('en', {
      channelTitle: 'Alpha',
      inviteLink: 'https://t.me/+abc',
      linkExpiresAt: '2026-03-02T12:00:00.000Z',
      endsAt: '2026-03-31T12:00:00.000Z',
      renewal: false,
      now,
    });
    expect(text).toContain('"Alpha" is active');
    expect(text).toContain('2026-03-31 12:00 UTC (in 30 days)');
    expect(text).toContain('https://t.me/+abc');
    expect(text).toContain('until 2026-03-02 12:00 UTC');
    expect(renderMessage('en', 'inviteLink', { channelTitle: 'A', inviteLink: 'x', linkExpiresAt: now.toISOString(), endsAt: now.toISOString(), renewal: true, now })).toContain('extended');
  });

  it('tells how to come back, with a deep link when the bot username is known', () => {
    expect(messages.expiryReminder('en', { channelTitle: 'Alpha', endsAt: '2026-03-04T12:00:00.000Z', now, renewHint: hint })).toMatch(
      /ends in 3 days, on 2026-03-04 12:00 UTC\.\nRenew before then to keep your access: \/start ch1/,
    );
    expect(messages.accessEnded('en', { channelTitle: 'Alpha', endedAt: now.toISOString(), renewHint: { botUsername: 'PayGateBot', channelId: 'ch1' } })).toContain(
      'https://t.me/PayGateBot?start=ch1',
    );
    expect(messages.joinRequestDeclined('en', { channelTitle: 'Alpha', renewHint: hint })).toContain('not issued to you');
  });

  it('renders owner notifications with exact amounts', () => {
    expect(
      messages.ownerPaymentReceived('en', {
        channelTitle: 'Alpha',
        subscriberId: '777',
        price: { amount: '1250', currency: 'USD', decimals: 2 },
        outcome: { amount: '12439990', currency: 'USDTTRC20', decimals: 6 },
        invoiceId: 'inv_1',
      }),
    ).toBe('Payment received for "Alpha": 12.50 USD from user 777 (12.43999 USDTTRC20 arrived; invoice inv_1).');
    expect(
      messages.ownerPaymentUnderpaid('en', {
        channelTitle: 'Alpha',
        subscriberId: '777',
        price: money(1250n, 'USD'),
        actuallyPaid: '6.25',
        payAmount: '12.502501',
        payCurrency: 'usdttrc20',
        invoiceId: 'inv_1',
      }),
    ).toContain('paid 6.25 USDTTRC20 of 12.502501 USDTTRC20 for a price of 12.50 USD');
    expect(messages.ownerNewSubscriber('en', { channelTitle: 'Alpha', subscriberId: '777', endsAt: '2026-03-31T12:00:00.000Z', now })).toContain('in 30 days');
    expect(messages.ownerRenewal('en', { channelTitle: 'Alpha', subscriberId: '777', endsAt: '2026-03-31T12:00:00.000Z', now })).toContain('renewed');
  });
});

describe('donation texts', () => {
  const amount = money(500n, 'USD');
  const outcome = { amount: '4950000', currency: 'USDTTRC20', decimals: 6 };
  it('tells the owner the amount and the channel, naming the donor only when given', () => {
    expect(messages.ownerDonationReceived('en', { channelTitle: 'Club', amount, outcome, donorName: 'Ann' })).toBe(
      'New donation of 5.00 USD to "Club" from Ann (4.95 USDTTRC20 arrived).',
    );
    expect(messages.ownerDonationReceived('en', { channelTitle: 'Club', amount, outcome })).toBe('New donation of 5.00 USD to "Club" (4.95 USDTTRC20 arrived).');
  });
  it('thanks the donor', () => {
    expect(messages.donorThanks('en', { channelTitle: 'Club', amount })).toBe('Thank you! Your donation of 5.00 USD to "Club" arrived.');
  });
});
