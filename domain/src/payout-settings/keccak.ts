/**
 * Keccak-f[1600] sponge, pure TypeScript with bigint lanes: what EIP-55 address checksums need
 * (keccak-256, the pre-standard padding Ethereum uses). Speed does not matter here (a 40-byte
 * input per wallet change), clarity does; SHA3-256 shares the permutation and only differs in
 * the padding byte, which lets the tests compare it with node:crypto.
 */
const MASK = (1n << 64n) - 1n;

const ROUND_CONSTANTS = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn, 0x0000000080000001n,
  0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n, 0x0000000080008009n, 0x000000008000000an,
  0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n, 0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n,
  0x000000000000800an, 0x800000008000000an, 0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];

/** Rotation offsets, indexed [x + 5y]. */
const ROTATIONS = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

const rotl = (lane: bigint, by: number): bigint => (by === 0 ? lane : ((lane << BigInt(by)) | (lane >> BigInt(64 - by))) & MASK);

const lane = (lanes: readonly bigint[], i: number): bigint => lanes[i] ?? 0n;

const permute = (a: bigint[]): void => {
  const c: bigint[] = new Array<bigint>(5).fill(0n);
  const b: bigint[] = new Array<bigint>(25).fill(0n);
  for (const rc of ROUND_CONSTANTS) {
    // θ
    for (let x = 0; x < 5; x++) c[x] = lane(a, x) ^ lane(a, x + 5) ^ lane(a, x + 10) ^ lane(a, x + 15) ^ lane(a, x + 20);
    for (let x = 0; x < 5; x++) {
      const d = lane(c, (x + 4) % 5) ^ rotl(lane(c, (x + 1) % 5), 1);
      for (let y = 0; y < 25; y += 5) a[x + y] = lane(a, x + y) ^ d;
    }
    // ρ and π
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(lane(a, x + 5 * y), ROTATIONS[x + 5 * y] ?? 0);
    }
    // χ
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) a[x + y] = lane(b, x + y) ^ (~lane(b, ((x + 1) % 5) + y) & MASK & lane(b, ((x + 2) % 5) + y));
    }
    // ι
    a[0] = lane(a, 0) ^ rc;
  }
};

/** The sponge with a 256-bit output: rate 136 bytes; `suffix` 0x01 is Keccak, 0x06 is SHA3. */
const sponge256 = (input: Uint8Array, suffix: number): Uint8Array => {
  const rate = 136;
  const padded = new Uint8Array(Math.floor(input.length / rate + 1) * rate);
  padded.set(input);
  padded[input.length] = (padded[input.length] ?? 0) ^ suffix;
  padded[padded.length - 1] = (padded[padded.length - 1] ?? 0) ^ 0x80;
  const state: bigint[] = new Array<bigint>(25).fill(0n);
  for (let offset = 0; offset < padded.length; offset += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let value = 0n;
      for (let byte = 7; byte >= 0; byte--) value = (value << 8n) | BigInt(padded[offset + i * 8 + byte] ?? 0);
      state[i] = lane(state, i) ^ value;
    }
    permute(state);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((lane(state, Math.floor(i / 8)) >> BigInt(8 * (i % 8))) & 0xffn);
  return out;
};

export const keccak256 = (input: Uint8Array): Uint8Array => sponge256(input, 0x01);

/** FIPS 202 SHA3-256; exported for the tests that check the permutation against node:crypto. */
export const sha3_256 = (input: Uint8Array): Uint8Array => sponge256(input, 0x06);

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
