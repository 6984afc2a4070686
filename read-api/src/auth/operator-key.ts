import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * A constant-time check of a presented key against the operator key. Both are hashed first, so
 * the comparison always runs over 32 bytes and reveals neither the key's length nor the position
 * of the first differing character.
 */
export const createOperatorKeyCheck = (operatorKey: string): ((presented: string) => boolean) => {
  const expected = digest(operatorKey);
  return (presented) => timingSafeEqual(digest(presented), expected);
};

// Any non-space token (the configured key only has to be free of whitespace), bounded in length.
const BEARER = /^Bearer +(\S{1,4096}) *$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined when absent or malformed. */
export const bearerToken = (authorization: string | undefined): string | undefined =>
  authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
