import { exportJWK, type JSONWebKeySet } from 'jose';
import { TOKEN_ALGORITHM, type TokenKeyRing } from './key-ring.ts';

/** The public JWK Set of every verification key (for `/.well-known/jwks.json`); never a private part. */
export const tokenJwks = async (keyRing: TokenKeyRing): Promise<JSONWebKeySet> => ({
  keys: await Promise.all(
    keyRing.verification.map(async ({ kid, publicKey }) => {
      const { kty, crv, x } = await exportJWK(publicKey);
      return { kty: kty as string, crv, x, kid, alg: TOKEN_ALGORITHM, use: 'sig' };
    }),
  ),
});
