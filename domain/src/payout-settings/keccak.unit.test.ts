import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keccak256, sha3_256, toHex } from './keccak.ts';

const text = (value: string) => new TextEncoder().encode(value);

describe('keccak256', () => {
  it.each([
    ['', 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'],
    ['abc', '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45'],
    ['The quick brown fox jumps over the lazy dog', '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15'],
    // transfer(address,uint256): the ERC-20 selector is the first 4 bytes.
    ['transfer(address,uint256)', 'a9059cbb'],
  ])('hashes %j', (input, expected) => {
    expect(toHex(keccak256(text(input))).startsWith(expected)).toBe(true);
  });

  it('handles inputs across the 136-byte block boundary', () => {
    for (const length of [135, 136, 137, 272]) {
      const input = new Uint8Array(length).fill(0x61);
      expect(toHex(sha3_256(input))).toBe(createHash('sha3-256').update(input).digest('hex'));
    }
  });

  it('shares its permutation with SHA3-256 (checked against node:crypto)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (input) => {
        expect(toHex(sha3_256(input))).toBe(createHash('sha3-256').update(input).digest('hex'));
      }),
      { numRuns: 60 },
    );
  });
});
