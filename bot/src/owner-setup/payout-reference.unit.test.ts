import { describe, expect, it } from 'vitest';
import { payoutReference } from './payout-reference.ts';

const HASH = '0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('payout reference', () => {
  it('shortens the hash without an explorer', () => {
    expect(payoutReference(HASH)).toBe('0x9f86d0…f00a08');
    expect(payoutReference('0xabc')).toBe('0xabc');
  });
  it('links to the explorer when its template names the hash', () => {
    expect(payoutReference(HASH, 'https://polygonscan.com/tx/{hash}')).toBe(`https://polygonscan.com/tx/${HASH}`);
    expect(payoutReference(HASH, 'https://polygonscan.com/tx/')).toBe('0x9f86d0…f00a08');
  });
});
