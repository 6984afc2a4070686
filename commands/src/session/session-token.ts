import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Bearer tokens of the dashboard sessions: `<id>.<secret>`, the id naming the stream (a refresh
 * family or a login link) and the secret 32 random bytes in base64url. Only `tokenHash` of a
 * token is ever stored, so the event store holds nothing a reader could present.
 */
export type IssuedToken = { id: string; token: string; hash: string };

const SECRET_BYTES = 32;
// A UUID (the ids this module hands out) and 43 base64url characters (32 bytes, unpadded).
const TOKEN_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** SHA-256 of the whole token, lowercase hex: binds the secret to its id. */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A token under `id` (a new random id when absent). */
export const issueToken = (id: string = randomUUID()): IssuedToken => {
  const token = `${id}.${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { id, token, hash: tokenHash(token) };
};

/**
 * The id and hash of a presented token, or undefined when it is not one of ours. Checked before
 * anything is read, so a malformed token never names a stream.
 */
export const readToken = (token: unknown): { id: string; hash: string } | undefined => {
  if (typeof token !== 'string') return undefined;
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, hash: tokenHash(token) } : undefined;
};

/** A family id as this module issues them (a UUID); anything else names no session. */
export const isSessionId = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
