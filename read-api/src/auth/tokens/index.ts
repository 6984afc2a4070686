// Dashboard access tokens: EdDSA JWTs with kid, a rotating key ring and its public JWK Set (jose).
export * from './access-tokens.ts';
export { ACCESS_TOKEN_ROLES, ACCESS_TOKEN_TYPE, type AccessTokenRole } from './access-token-claims.ts';
export * from './generate-key-pair.ts';
export { loadTokenKeyRing, TOKEN_ALGORITHM, type TokenKeyRing, type TokenKeyRingPems } from './key-ring.ts';
export { tokenJwks } from './jwks.ts';
export * from './key-id.ts';
