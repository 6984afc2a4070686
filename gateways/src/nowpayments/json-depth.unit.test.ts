import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from './json-depth.ts';

/** Depth by walking the parsed value: the reference the scanner must agree with. */
const parsedDepth = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(parsedDepth)) : 0;

describe('exceedsJsonDepth', () => {
  it.each([
    ['a scalar', '1', 0, false],
    ['an empty object', '{}', 1, false],
    ['an empty object at cap 0', '{}', 0, true],
    ['an IPN-like body', '{"a":1,"fee":{"currency":"trx","depositFee":0.1}}', 2, false],
    ['one level too many', '{"fee":{"x":[1]}}', 2, true],
    ['brackets inside strings', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote does not end the string', '{"a":"\\"[[[["}', 1, false],
    ['an escaped backslash does end it', '{"a":"\\\\",  "b":[[1]]}', 2, true],
  ])('%s', (_name, text, max, expected) => {
    expect(exceedsJsonDepth(text, max)).toBe(expected);
  });

  it('scans 65,536 nested arrays without recursion', () => {
    expect(exceedsJsonDepth('['.repeat(65_536) + ']'.repeat(65_536), 32)).toBe(true);
  });

  it('agrees with the depth of the parsed value for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.nat({ max: 8 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(exceedsJsonDepth(text, max)).toBe(parsedDepth(JSON.parse(text)) > max);
      }),
    );
  });
});
