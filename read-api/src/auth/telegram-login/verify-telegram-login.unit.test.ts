import { readFileSync } from 'node:fs';
import { PayGateError } from '@paygate/domain';
import { describe, expect, it } from 'vitest';
import { dataCheckString, widgetHash, widgetSecretKey } from './check-string.ts';
import { createTelegramLoginVerifier } from './verify-telegram-login.ts';

// A copy of /work/shared/testdata/telegram-login-vector.json (a public Login Widget vector): a clean clone has only the repository.
const vector = JSON.parse(readFileSync(new URL('./testdata/telegram-login-vector.json', import.meta.url), 'utf8')) as {
  botToken: string;
  fields: Record<string, string>;
  hash: string;
  tampered: { fields: Record<string, string>; hash: string };
};

const authSeconds = Number(vector.fields.auth_date);
const at = (seconds: number) => () => new Date(seconds * 1000);
const verifier = (nowSeconds = authSeconds + 60, maxAgeSeconds?: number) =>
  createTelegramLoginVerifier({ botToken: vector.botToken, now: at(nowSeconds), ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }) });
const signed: Record<string, string> = { ...vector.fields, hash: vector.hash };

const rejection = (run: () => unknown): PayGateError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PayGateError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('Telegram Login Widget verification', () => {
  it('accepts the public vector', () => {
    expect(verifier()(signed)).toEqual({
      telegramUserId: '1',
      firstName: 'Klim',
      username: 'klimsidorov',
      authDate: new Date(authSeconds * 1000).toISOString(),
    });
  });

  it('computes the vector hash from the check string (independent of the verifier)', () => {
    expect(dataCheckString(signed)).toBe(
      'auth_date=976255200\nfirst_name=Klim\nid=1\nlast_name=Sidorov\nphoto_url=https://t.me/klimsidorov\nusername=klimsidorov',
    );
    expect(widgetHash(widgetSecretKey(vector.botToken), dataCheckString(signed))).toBe(vector.hash);
  });

  it('accepts id and auth_date as JSON numbers', () => {
    expect(verifier()({ ...signed, id: 1, auth_date: authSeconds }).telegramUserId).toBe('1');
  });

  it('rejects the tampered vector', () => {
    const error = rejection(() => verifier()({ ...vector.tampered.fields, hash: vector.tampered.hash }));
    expect(error.kind).toBe('unauthorized');
    expect(error.details).toEqual({ reason: 'hash mismatch' });
  });

  it('rejects another bot token', () => {
    const other = createTelegramLoginVerifier({ botToken: `${vector.botToken}Y`, now: at(authSeconds) });
    expect(rejection(() => other(signed)).kind).toBe('unauthorized');
  });

  it('rejects an auth_date older than 24 h, and accepts it up to then', () => {
    expect(verifier(authSeconds + 24 * 3600)(signed).telegramUserId).toBe('1');
    const error = rejection(() => verifier(authSeconds + 24 * 3600 + 1)(signed));
    expect([error.kind, error.details.reason]).toEqual(['unauthorized', 'auth_date too old']);
  });

  it('honours a configured maxAgeSeconds', () => {
    expect(verifier(authSeconds + 300, 300)(signed).telegramUserId).toBe('1');
    expect(rejection(() => verifier(authSeconds + 301, 300)(signed)).details.reason).toBe('auth_date too old');
  });

  it('rejects an auth_date more than 60 s in the future', () => {
    expect(verifier(authSeconds - 60)(signed).telegramUserId).toBe('1');
    const error = rejection(() => verifier(authSeconds - 61)(signed));
    expect([error.kind, error.details.reason]).toEqual(['unauthorized', 'auth_date in the future']);
  });

  it.each(['id', 'first_name', 'auth_date', 'hash'])('rejects data without %s as invalid', (field) => {
    const { [field]: _dropped, ...rest } = signed;
    const error = rejection(() => verifier()(rest));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain(field);
  });

  it('rejects data without an optional field it was signed with', () => {
    const { last_name: _dropped, ...rest } = signed;
    expect(rejection(() => verifier()(rest)).details.reason).toBe('hash mismatch');
  });

  it('includes an extra unknown field in the check string, so the hash no longer matches', () => {
    const extra = { ...signed, is_premium: 'true' };
    expect(dataCheckString(extra)).toContain('\nis_premium=true\n');
    expect(rejection(() => verifier()(extra)).details.reason).toBe('hash mismatch');
  });

  it('accepts an extra field that was signed', () => {
    const fields = { ...vector.fields, allows_write_to_pm: 'true' };
    const hash = widgetHash(widgetSecretKey(vector.botToken), dataCheckString(fields));
    expect(verifier()({ ...fields, hash }).firstName).toBe('Klim');
  });

  it.each([
    ['a newline in a value', { ...signed, first_name: 'Klim\nid=2' }],
    ['a non-numeric id', { ...signed, id: '1a' }],
    ['an unsafe integer id', { ...signed, id: 2 ** 60 }],
    ['an uppercase hash', { ...signed, hash: vector.hash.toUpperCase() }],
    ['a short hash', { ...signed, hash: vector.hash.slice(2) }],
    ['an object field', { ...signed, extra: { a: 1 } }],
    ['a field name with =', { ...signed, 'a=b': 'c' }],
    ['no object', 'auth_date=976255200'],
  ])('rejects %s as invalid', (_name, input) => {
    expect(rejection(() => verifier()(input)).kind).toBe('validation');
  });

  it('refuses to start without a bot token', () => {
    expect(() => createTelegramLoginVerifier({ botToken: '' })).toThrow(PayGateError);
  });
});
