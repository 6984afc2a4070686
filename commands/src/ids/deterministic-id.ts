import { createHash } from 'node:crypto';

// A fixed namespace so the same inputs give the same UUID on every machine and every run.
const NAMESPACE = Buffer.from('8f0d6c1e4b5a4e7f9a3c2d1b0e9f8a7c', 'hex');

/**
 * A UUIDv5 (RFC 9562) from the given parts. Process managers name the events they cause with
 * it (e.g. from the causing event id), so a redelivered message re-appends the same ids and the
 * event store treats the retry as the same append instead of a second effect.
 */
export const deterministicId = (...parts: readonly string[]): string => {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u001f')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
