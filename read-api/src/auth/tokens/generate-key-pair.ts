import { generateKeyPairSync } from 'node:crypto';

export type TokenKeyPairPems = { privateKeyPem: string; publicKeyPem: string };

/**
 * A fresh Ed25519 key pair as PEM (PKCS#8 private, SPKI public): for tests, and for a development
 * default when no key files are configured (its tokens then end with the process).
 */
export const generateTokenKeyPair = (): TokenKeyPairPems => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
};
