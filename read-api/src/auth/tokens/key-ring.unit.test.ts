import { generateKeyPairSync } from 'node:crypto';
import { PayGateError } from '@paygate/domain';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from './access-tokens.ts';
import { generateTokenKeyPair } from './generate-key-pair.ts';
import { loadTokenKeyRing } from './key-ring.ts';

const ISSUER = 'https://paygate.example';
const AUDIENCE = 'paygate-dashboard';
const T0 = new Date('2026-03-01T12:00:00Z');
const oldPair = generateTokenKeyPair();
const newPair = generateTokenKeyPair();
const ecPublicKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const oldKey = { kid: 'old', publicKeyPem: oldPair.publicKeyPem };
const newKey = { kid: 'new', publicKeyPem: newPair.publicKeyPem };

const tokensWith = async (signing: { kid: string; privateKeyPem: string }, verification: Array<{ kid: string; publicKeyPem: string }>) =>
  createAccessTokens({ keyRing: await loadTokenKeyRing({ signing, verification }), issuer: ISSUER, audience: AUDIENCE, now: () => T0 });
const request = { subject: '42', role: 'auditor', sessionId: 's-1' } as const;

describe('key rotation', () => {
  it('keeps verifying the old key’s tokens while it stays in the ring, and not after it is dropped', async () => {
    const before = await tokensWith({ kid: 'old', privateKeyPem: oldPair.privateKeyPem }, [oldKey]);
    const oldToken = (await before.issueAccessToken(request)).token;

    const rotated = await tokensWith({ kid: 'new', privateKeyPem: newPair.privateKeyPem }, [newKey, oldKey]);
    const newToken = (await rotated.issueAccessToken(request)).token;
    expect(JSON.parse(atob(newToken.split('.')[0] ?? ''))).toMatchObject({ kid: 'new' });
    await expect(rotated.verifyAccessToken(oldToken)).resolves.toMatchObject(request);
    await expect(rotated.verifyAccessToken(newToken)).resolves.toMatchObject(request);

    const retired = await tokensWith({ kid: 'new', privateKeyPem: newPair.privateKeyPem }, [newKey]);
    await expect(retired.verifyAccessToken(newToken)).resolves.toMatchObject(request);
    await expect(retired.verifyAccessToken(oldToken)).rejects.toMatchObject({ kind: 'unauthorized', details: { reason: 'unknown key id' } });
  });
});

describe('jwks', () => {
  it('publishes every verification key, public parts only, and a standard verifier accepts our tokens with it', async () => {
    const tokens = await tokensWith({ kid: 'new', privateKeyPem: newPair.privateKeyPem }, [newKey, oldKey]);
    const set = await tokens.jwks();
    expect(set.keys.map(({ kid, alg, use, kty, crv }) => ({ kid, alg, use, kty, crv }))).toEqual([
      { kid: 'new', alg: 'EdDSA', use: 'sig', kty: 'OKP', crv: 'Ed25519' },
      { kid: 'old', alg: 'EdDSA', use: 'sig', kty: 'OKP', crv: 'Ed25519' },
    ]);
    expect(set.keys.every((key) => !('d' in key))).toBe(true);
    const { token } = await tokens.issueAccessToken(request);
    const { payload } = await jwtVerify(token, createLocalJWKSet(set), { issuer: ISSUER, audience: AUDIENCE, currentDate: T0 });
    expect(payload.sub).toBe('42');
  });
});

describe('loadTokenKeyRing', () => {
  const signing = { kid: 'new', privateKeyPem: newPair.privateKeyPem };
  it.each([
    ['the signing key is not a verification key', signing, [oldKey]],
    ['the verification key of the signing kid is another key', signing, [{ kid: 'new', publicKeyPem: oldPair.publicKeyPem }]],
    ['kids repeat', signing, [newKey, { ...oldKey, kid: 'new' }]],
    ['a kid has a space', { ...signing, kid: 'a b' }, [{ ...newKey, kid: 'a b' }]],
    ['a key is no PEM', { ...signing, privateKeyPem: 'nope' }, [newKey]],
    ['a key is not Ed25519', signing, [newKey, { kid: 'ec', publicKeyPem: ecPublicKeyPem }]],
  ])('refuses a ring where %s', async (_name, signingKey, verification) => {
    const error: unknown = await loadTokenKeyRing({ signing: signingKey, verification }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PayGateError);
    expect((error as PayGateError).kind).toBe('internal');
    expect((error as PayGateError).message).not.toContain('PRIVATE KEY');
  });
});

