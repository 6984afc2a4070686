import { PayGateError } from '@paygate/domain';
import { base64url, importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from './access-tokens.ts';
import { generateTokenKeyPair } from './generate-key-pair.ts';
import { loadTokenKeyRing } from './key-ring.ts';

const T0 = new Date('2026-03-01T12:00:00Z');
const ISSUER = 'https://paygate.example';
const AUDIENCE = 'paygate-dashboard';
const pair = generateTokenKeyPair();
const keyRing = await loadTokenKeyRing({ signing: { kid: 'k1', privateKeyPem: pair.privateKeyPem }, verification: [{ kid: 'k1', publicKeyPem: pair.publicKeyPem }] });
const tokensAt = (at: Date, overrides: { issuer?: string; audience?: string } = {}) =>
  createAccessTokens({ keyRing, issuer: ISSUER, audience: AUDIENCE, now: () => at, ...overrides });
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const request = { subject: '123456789', role: 'owner', sessionId: 'session-1' } as const;
const issue = async () => (await tokensAt(T0).issueAccessToken(request)).token;

/** The rejection, after checking it is a 401 that carries no part of the token. */
const rejection = async (token: string, at = T0): Promise<PayGateError> => {
  const error: unknown = await tokensAt(at).verifyAccessToken(token).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PayGateError);
  const { kind, message, details, cause } = error as PayGateError;
  expect(kind).toBe('unauthorized');
  expect(cause).toBeUndefined();
  const shown = `${message} ${JSON.stringify(details)}`;
  for (const part of token.split('.').filter((segment) => segment.length > 8)) expect(shown).not.toContain(part);
  return error as PayGateError;
};

const AT = Math.floor(T0.getTime() / 1000);
/** Valid claims, for tokens crafted by hand. */
const claimsNow = (): JWTPayload => ({ iss: ISSUER, aud: AUDIENCE, sub: '1', jti: crypto.randomUUID(), role: 'owner', sid: 's', iat: AT, nbf: AT, exp: AT + 600 });
const signWith = async (privateKeyPem: string, kid: string, claims: JWTPayload) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' }).sign(await importPKCS8(privateKeyPem, 'EdDSA'));
const segment = (value: object) => base64url.encode(JSON.stringify(value));

describe('access tokens', () => {
  it('round-trips: what is issued verifies to the same subject, role and session', async () => {
    const issued = await tokensAt(T0).issueAccessToken(request);
    expect(issued.expiresIn).toBe(900);
    const verified = await tokensAt(later(60)).verifyAccessToken(issued.token);
    expect(verified).toEqual({ ...request, tokenId: issued.tokenId, issuedAt: T0, expiresAt: later(900) });
  });

  it('puts kid, alg and typ in the header, and every registered claim in the payload', async () => {
    const [header, payload] = (await issue()).split('.').slice(0, 2).map((part) => JSON.parse(new TextDecoder().decode(base64url.decode(part ?? ''))) as object);
    expect(header).toEqual({ alg: 'EdDSA', kid: 'k1', typ: 'at+jwt' });
    expect(Object.keys(payload ?? {}).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'role', 'sid', 'sub']);
  });

  it('rejects an expired token (after the 30 s tolerance)', async () => {
    const token = await issue();
    await expect(tokensAt(later(900 + 29)).verifyAccessToken(token)).resolves.toBeDefined();
    expect((await rejection(token, later(900 + 31))).details.reason).toBe('expired');
  });

  it('rejects a token not yet valid (nbf beyond the tolerance)', async () => {
    const token = await issue();
    expect((await rejection(token, later(-31))).details.reason).toBe('claim nbf check_failed');
  });

  it('rejects a token for another audience or from another issuer', async () => {
    const foreignAudience = (await tokensAt(T0, { audience: 'other-app' }).issueAccessToken(request)).token;
    expect((await rejection(foreignAudience)).details.reason).toBe('claim aud check_failed');
    const foreignIssuer = (await tokensAt(T0, { issuer: 'https://evil.example' }).issueAccessToken(request)).token;
    expect((await rejection(foreignIssuer)).details.reason).toBe('claim iss check_failed');
  });

  it('rejects an unsecured token (alg none)', async () => {
    const [, payload] = (await issue()).split('.');
    const token = `${segment({ alg: 'none', kid: 'k1', typ: 'at+jwt' })}.${payload}.`;
    expect((await rejection(token)).details.reason).toBe('algorithm not allowed');
  });

  it('rejects HS256 keyed with the public key (algorithm confusion)', async () => {
    const token = await new SignJWT(claimsNow())
      .setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: 'at+jwt' })
      .sign(new TextEncoder().encode(pair.publicKeyPem));
    expect((await rejection(token)).details.reason).toBe('algorithm not allowed');
  });

  it('rejects a tampered payload under the original signature', async () => {
    const [header, payload, signature] = (await issue()).split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? ''))) as JWTPayload;
    const token = `${header}.${segment({ ...claims, role: 'admin' })}.${signature}`;
    expect((await rejection(token)).details.reason).toBe('bad signature');
  });

  it('rejects a token signed by a key outside the ring, under a known or an unknown kid', async () => {
    const stranger = generateTokenKeyPair().privateKeyPem;
    await expect(tokensAt(T0).verifyAccessToken(await signWith(pair.privateKeyPem, 'k1', claimsNow()))).resolves.toBeDefined();
    expect((await rejection(await signWith(stranger, 'k1', claimsNow()))).details.reason).toBe('bad signature');
    expect((await rejection(await signWith(stranger, 'k9', claimsNow()))).details.reason).toBe('unknown key id');
    expect((await rejection(await signWith(pair.privateKeyPem, 'k9', claimsNow()))).details.reason).toBe('unknown key id');
  });

  it.each(['jti', 'sub', 'nbf', 'aud'])('rejects a token without %s', async (claim) => {
    const { [claim]: _dropped, ...claims } = claimsNow();
    expect((await rejection(await signWith(pair.privateKeyPem, 'k1', claims))).details.reason).toBe(`claim ${claim} missing`);
  });

  it.each([
    ['an unknown role', { role: 'root' }],
    ['a jti that is no UUID', { jti: 'x' }],
    ['no session', { sid: undefined }],
  ])('rejects %s', async (_name, change) => {
    expect((await rejection(await signWith(pair.privateKeyPem, 'k1', { ...claimsNow(), ...change }))).details.reason).toBe('claims invalid');
  });

  it('rejects a JWT of another type signed by the same key', async () => {
    const token = await new SignJWT(claimsNow()).setProtectedHeader({ alg: 'EdDSA', kid: 'k1', typ: 'JWT' }).sign(await importPKCS8(pair.privateKeyPem, 'EdDSA'));
    expect((await rejection(token)).details.reason).toBe('claim typ check_failed');
  });

  it.each([[''], ['a.b.c'], ['not a token'], ['x'.repeat(5000)]])('rejects garbage %#', async (token) => {
    await rejection(token);
  });
});
