import { describe, expect, it } from 'vitest';
import { deriveWebhookSecret, secretMatches } from './secret-token.ts';

describe('webhook secret token', () => {
  it('is derived from the bot token, in the characters Telegram allows, and hides it', () => {
    const secret = deriveWebhookSecret('123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(secret).toBe(deriveWebhookSecret('123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678'));
    expect(secret).not.toBe(deriveWebhookSecret('123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345679'));
    expect(secret).not.toContain('ABCdef');
  });

  it('matches only the exact value', () => {
    expect(secretMatches('s3cret', 's3cret')).toBe(true);
    for (const wrong of ['s3cre', 's3cret ', 'S3cret', '', null, undefined]) expect(secretMatches(wrong, 's3cret')).toBe(false);
  });
});
