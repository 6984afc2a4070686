import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JSONWebKeySet, type JWTHeaderParameters } from 'jose';
import * as v from 'valibot';
import { PayGateError } from '@paygate/domain';
import { ACCESS_TOKEN_TYPE, AccessTokenClaimsSchema, type AccessTokenRole } from './access-token-claims.ts';
import { tokenJwks } from './jwks.ts';
import { TOKEN_ALGORITHM, type TokenKeyRing } from './key-ring.ts';
import { rejectionOf, tokenRejected } from './token-rejection.ts';

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
// Ours are a few hundred bytes; anything far larger is refused before it is parsed.
const MAX_TOKEN_LENGTH = 4096;

export type AccessTokenOptions = {
  keyRing: TokenKeyRing;
  issuer: string;
  audience: string;
  ttlSeconds?: number;
  clockToleranceSeconds?: number;
  now?: () => Date;
};

export type AccessTokenRequest = { subject: string; role: AccessTokenRole; sessionId: string };
export type IssuedAccessToken = { token: string; tokenId: string; expiresIn: number; expiresAt: Date };
export type VerifiedAccessToken = {
  subject: string;
  role: AccessTokenRole;
  sessionId: string;
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
};

export type AccessTokens = {
  issueAccessToken: (request: AccessTokenRequest) => Promise<IssuedAccessToken>;
  /** Resolves the token's claims, or rejects with an `unauthorized` PayGateError. */
  verifyAccessToken: (token: string) => Promise<VerifiedAccessToken>;
  jwks: () => Promise<JSONWebKeySet>;
};

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Access tokens: EdDSA JWTs with `kid`, issued by the ring's signing key and verified by the key
 * the `kid` names (unknown kid: 401). Verification allows EdDSA only (so neither `none` nor an HMAC
 * keyed with a public key passes), and requires iss, aud, sub, jti, nbf and exp.
 */
export const createAccessTokens = ({
  keyRing,
  issuer,
  audience,
  ttlSeconds = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  clockToleranceSeconds = DEFAULT_CLOCK_TOLERANCE_SECONDS,
  now = () => new Date(),
}: AccessTokenOptions): AccessTokens => {
  if (issuer === '' || audience === '') throw new PayGateError('internal', 'access tokens need an issuer and an audience');
  const keys = new Map(keyRing.verification.map(({ kid, publicKey }) => [kid, publicKey]));
  const keyFor = ({ kid }: JWTHeaderParameters) => {
    const key = kid === undefined ? undefined : keys.get(kid);
    if (key === undefined) throw tokenRejected(kid === undefined ? 'no key id' : 'unknown key id');
    return key;
  };

  const issueAccessToken = async ({ subject, role, sessionId }: AccessTokenRequest): Promise<IssuedAccessToken> => {
    const issuedAt = seconds(now());
    const tokenId = randomUUID();
    const token = await new SignJWT({ role, sid: sessionId })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: keyRing.signing.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setJti(tokenId)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(keyRing.signing.privateKey);
    return { token, tokenId, expiresIn: ttlSeconds, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
  };

  const verifyAccessToken = async (token: string): Promise<VerifiedAccessToken> => {
    if (token.length > MAX_TOKEN_LENGTH) throw tokenRejected('too long');
    const { payload } = await jwtVerify(token, keyFor, {
      algorithms: [TOKEN_ALGORITHM],
      issuer,
      audience,
      typ: ACCESS_TOKEN_TYPE,
      requiredClaims: ['iss', 'aud', 'sub', 'jti', 'nbf', 'exp'],
      clockTolerance: clockToleranceSeconds,
      currentDate: now(),
    }).catch((error: unknown) => {
      throw rejectionOf(error);
    });
    const claims = v.safeParse(AccessTokenClaimsSchema, payload);
    if (!claims.success) throw tokenRejected('claims invalid');
    const { sub, role, sid, jti, iat, exp } = claims.output;
    return { subject: sub, role, sessionId: sid, tokenId: jti, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
  };

  return { issueAccessToken, verifyAccessToken, jwks: () => tokenJwks(keyRing) };
};
