import { describe, expect, it } from 'vitest';
import { assertPayoutAddress, isChecksumAddress, toChecksumAddress } from './evm-address.ts';

// The test cases of EIP-55 itself.
const EIP55 = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

describe('EIP-55', () => {
  it.each(EIP55)('%s is its own checksum form', (address) => {
    expect(toChecksumAddress(address.toLowerCase())).toBe(address);
    expect(isChecksumAddress(address)).toBe(true);
    expect(assertPayoutAddress(` ${address} `)).toBe(address);
  });

  it('refuses a flipped letter case, a lower-case address with a checksum, bad hex and the zero address', () => {
    const flipped = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD';
    expect(isChecksumAddress(flipped)).toBe(false);
    expect(() => assertPayoutAddress(flipped)).toThrow(/EIP-55/);
    expect(() => assertPayoutAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toThrow(/EIP-55/);
    expect(() => assertPayoutAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe')).toThrow(/40 hex/);
    expect(() => assertPayoutAddress('5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00')).toThrow(/40 hex/);
    expect(() => assertPayoutAddress('0x' + '0'.repeat(40))).toThrow(/zero address/);
    expect(() => toChecksumAddress('0xZZ')).toThrow(expect.objectContaining({ kind: 'validation' }));
  });

  it('catches every single-character change of a checksummed address', () => {
    const address = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
    let caught = 0;
    for (let i = 2; i < address.length; i++) {
      const char = address[i]!;
      const other = /[a-f]/i.test(char) ? (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()) : char === '0' ? '1' : '0';
      if (!isChecksumAddress(address.slice(0, i) + other + address.slice(i + 1))) caught++;
    }
    // Case flips are always caught; a changed digit is caught unless the new hash happens to agree.
    expect(caught).toBeGreaterThanOrEqual(38);
  });
});
