import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearerToken, createOperatorKeyCheck } from './operator-key.ts';

describe('createOperatorKeyCheck', () => {
  const check = createOperatorKeyCheck('operator-key-0123456789');

  it('accepts exactly the key', () => {
    expect(check('operator-key-0123456789')).toBe(true);
  });

  it.each([[''], ['operator-key-012345678'], ['operator-key-01234567890'], ['OPERATOR-KEY-0123456789'], ['operator-key-0123456788']])(
    'rejects %j',
    (presented) => {
      expect(check(presented)).toBe(false);
    },
  );

  it('accepts a key iff it is equal (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (key, other) => {
        expect(createOperatorKeyCheck(key)(other)).toBe(key === other);
        expect(createOperatorKeyCheck(key)(key)).toBe(true);
      }),
    );
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer   a$b#c!', 'a$b#c!'],
    ['Bearer abc ', 'abc'],
  ])('%j → %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([[undefined], [''], ['Bearer'], ['Bearer '], ['Basic abc'], ['Bearer a b'], ['abc'], [`Bearer ${'x'.repeat(4097)}`]])(
    'rejects %j',
    (header) => {
      expect(bearerToken(header)).toBeUndefined();
    },
  );
});
