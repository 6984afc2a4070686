import { createPublicKey } from 'node:crypto';
import { PayGateError } from '@paygate/domain';
import { importPKCS8, importSPKI, type CryptoKey } from 'jose';

/** The only signing algorithm: Ed25519 (EdDSA). Verification allows nothing else. */
export const TOKEN_ALGORITHM = 'EdDSA';

export type TokenKeyRing = {
  /** The key new tokens are signed with; its public half is also in `verification`. */
  signing: { kid: string; privateKey: CryptoKey };
  /** Every key a token may still carry: the signing key, plus retired keys until their tokens expire. */
  verification: ReadonlyArray<{ kid: string; publicKey: CryptoKey }>;
};

/** PEM text as read from the `*_FILE`s: PKCS#8 for the private key, SPKI for the public ones. */
export type TokenKeyRingPems = {
  signing: { kid: string; privateKeyPem: string };
  verification: ReadonlyArray<{ kid: string; publicKeyPem: string }>;
};

const KID = /^[A-Za-z0-9._-]{1,64}$/;

const misconfigured = (message: string, cause?: unknown) =>
  new PayGateError('internal', `token key ring: ${message}`, {}, cause === undefined ? undefined : { cause });

const spkiOf = (pem: string, kid: string): string => {
  try {
    return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
  } catch (error) {
    throw misconfigured(`key ${kid} is not a readable PEM key`, error);
  }
};

/**
 * Imports a key ring from PEM text. Misconfiguration fails at startup, not at the first login:
 * kids must be unique and header-safe, the signing key must be Ed25519 and its public half must be
 * the verification key of the same kid (otherwise the service could not verify its own tokens).
 *
 * Rotation: sign with a new kid and keep the old public key in `verification` until the last
 * token it signed has expired (access-token lifetime plus clock tolerance); then drop it.
 */
export const loadTokenKeyRing = async ({ signing, verification }: TokenKeyRingPems): Promise<TokenKeyRing> => {
  const kids = [signing.kid, ...verification.map((key) => key.kid)];
  const badKid = kids.find((kid) => !KID.test(kid));
  if (badKid !== undefined) throw misconfigured(`kid ${JSON.stringify(badKid)} must be 1-64 of A-Z a-z 0-9 . _ -`);
  if (new Set(verification.map((key) => key.kid)).size !== verification.length) throw misconfigured('verification kids must be unique');
  const own = verification.find((key) => key.kid === signing.kid);
  if (own === undefined) throw misconfigured(`the signing key ${signing.kid} must also be a verification key`);
  if (spkiOf(signing.privateKeyPem, signing.kid) !== spkiOf(own.publicKeyPem, own.kid)) {
    throw misconfigured(`the verification key ${signing.kid} is not the public half of the signing key`);
  }
  try {
    return {
      signing: { kid: signing.kid, privateKey: await importPKCS8(signing.privateKeyPem, TOKEN_ALGORITHM) },
      // Extractable: public keys are published as the JWK Set.
      verification: await Promise.all(
        verification.map(async ({ kid, publicKeyPem }) => ({ kid, publicKey: await importSPKI(publicKeyPem, TOKEN_ALGORITHM, { extractable: true }) })),
      ),
    };
  } catch (error) {
    if (error instanceof PayGateError) throw error;
    throw misconfigured('every key must be Ed25519 (PKCS#8 private, SPKI public)', error);
  }
};
