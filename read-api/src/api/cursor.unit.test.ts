import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type PageKey } from './cursor.ts';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const id = fc.stringMatching(/^[\x21-\x7e]{1,128}$/);
const key = fc.record({ position: fc.record({ commit: u64, prepare: u64 }), id });

describe('payment list cursor', () => {
  it('round-trips every key and is base64url', () => {
    fc.assert(
      fc.property(key, (k: PageKey) => {
        const cursor = encodeCursor(k);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(cursor)).toEqual(k);
      }),
    );
  });

  it('keeps the order of distinct keys distinct', () => {
    const a = encodeCursor({ position: { commit: 10n, prepare: 1n }, id: 'p1' });
    const b = encodeCursor({ position: { commit: 10n, prepare: 1n }, id: 'p2' });
    expect(a).not.toBe(b);
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['not an array', encode({ commit: '1', prepare: '2', id: 'x' })],
    ['wrong version', encode([2, '1', '2', 'x'])],
    ['numbers instead of strings', encode([1, 1, 2, 'x'])],
    ['negative position', encode([1, '-1', '2', 'x'])],
    ['leading zero', encode([1, '01', '2', 'x'])],
    ['position too long', encode([1, '1'.repeat(21), '2', 'x'])],
    ['id with a space', encode([1, '1', '2', 'a b'])],
    ['empty id', encode([1, '1', '2', ''])],
    ['extra element', encode([1, '1', '2', 'x', 'y'])],
    ['too long', 'A'.repeat(401)],
  ])('rejects %s', (_name, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });

  it('rejects a non-canonical encoding of a valid key (each key has one cursor)', () => {
    const canonical = encodeCursor({ position: { commit: 1n, prepare: 2n }, id: 'x' });
    const spaced = Buffer.from('[1, "1", "2", "x"]').toString('base64url');
    expect(decodeCursor(canonical)).toBeDefined();
    expect(decodeCursor(spaced)).toBeUndefined();
  });
});
