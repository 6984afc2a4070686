import { isPayGateError } from '@paygate/domain';
import { describe, expect, it } from 'vitest';
import { parsePrivateKey } from './private-key.ts';

const KEY = 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const ADDRESS_PUBLIC_KEY_PREFIX = '0x04';

const refusal = (input: string): { kind: string; message: string; details: unknown; cause: unknown } => {
  try {
    parsePrivateKey(input);
  } catch (error) {
    if (isPayGateError(error)) return { kind: error.kind, message: error.message, details: error.details, cause: error.cause };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('parsePrivateKey', () => {
  it('takes 64 hex digits with or without 0x, in any case, trimmed', () => {
    const expected = parsePrivateKey(`0x${KEY}`).publicKey;
    expect(expected.startsWith(ADDRESS_PUBLIC_KEY_PREFIX)).toBe(true);
    expect(parsePrivateKey(KEY).publicKey).toBe(expected);
    expect(parsePrivateKey(`0X${KEY.toUpperCase()}`).publicKey).toBe(expected);
    expect(parsePrivateKey(` ${KEY}\n`).publicKey).toBe(expected);
  });

  it.each([
    ['too short', KEY.slice(0, 63)],
    ['too long', `${KEY}00`],
    ['not hex', `${KEY.slice(0, 63)}g`],
    ['zero', '0'.repeat(64)],
    ['the curve order', 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'],
    ['empty', ''],
  ])('refuses a key that is %s, without echoing it', (_why, input) => {
    const error = refusal(input);
    expect(error.kind).toBe('validation');
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error.details)).toBe('{}');
    if (input.length >= 8) expect(error.message).not.toContain(input.slice(0, 8));
    expect(error.message).not.toContain(KEY.slice(0, 8));
  });
});
