import { describe, expect, it } from 'vitest';
import { money } from '@paygate/domain';
import { botText, translatorFor } from './bot-messages.ts';

describe('bot texts', () => {
  const tier = { name: 'Monthly', price: money(999n, 'USD'), durationDays: 30 };

  it('shows amounts with their currency and exact cents', () => {
    expect(botText('en', 'tierButton', tier)).toBe('Monthly — 9.99 USD for 30 days');
    expect(botText('en', 'payButton', { price: money(1250n, 'USD') })).toBe('Pay 12.50 USD');
    expect(botText('en', 'tierButton', { ...tier, durationDays: 1 })).toContain('for 1 day');
  });

  it('shows dates in UTC with a relative hint', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const text = botText('en', 'subscriptionsList', {
      now,
      subscriptions: [
        { channelTitle: 'Alpha', tierName: 'Monthly', endsAt: '2026-01-04T12:00:00.000Z', active: true },
        { channelTitle: 'Beta', endsAt: '2025-12-30T12:00:00.000Z', active: false },
      ],
    });
    expect(text).toContain('"Alpha" (Monthly): until 2026-01-04 12:00 UTC (in 3 days)');
    expect(text).toContain('"Beta": ended 2025-12-30 12:00 UTC (2 days ago)');
  });

  it('names the exact rights to grant', () => {
    const text = botText('en', 'missingRights', { channelTitle: 'Alpha', missing: ['invite', 'restrict'] });
    expect(text).toContain('Invite users via link');
    expect(text).toContain('Ban users');
    expect(botText('en', 'missingRights', { channelTitle: 'Alpha', missing: ['restrict'] })).not.toContain('Invite users');
  });

  it('falls back to English for an unknown language', () => {
    expect(translatorFor('xx')('cancelled', {})).toBe(botText('en', 'cancelled', {}));
    expect(translatorFor(undefined)('rateLimited', { retryAfterSeconds: 0 })).toContain('1 second');
  });

  it('warns about a public channel only when it is public', () => {
    expect(botText('en', 'channelRegistered', { channelTitle: 'A', shareLink: 'https://t.me/b?start=c1' })).not.toContain('public');
    expect(botText('en', 'channelRegistered', { channelTitle: 'A', shareLink: 'https://t.me/b?start=c1', publicUsername: 'alpha' })).toContain('@alpha');
  });
});

describe('command menu', () => {
  it('fits Telegram’s limits (command 1-32 of a-z0-9_, description 1-256) in every locale', async () => {
    const { BOT_MENU_COMMANDS } = await import('./bot-catalogue.ts');
    const { SUPPORTED_LOCALES } = await import('@paygate/domain');
    for (const locale of SUPPORTED_LOCALES) {
      for (const command of BOT_MENU_COMMANDS) {
        expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
        const description = botText(locale, 'commandDescription', { command });
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
  });
});
