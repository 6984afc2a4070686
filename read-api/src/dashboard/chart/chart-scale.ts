// The value axis in exact minor units: ticks are bigint, only pixel positions become numbers.

/** A round step (1, 2 or 5 × 10^k minor units) so that about `steps` of them cover `max`. */
export const niceStep = (max: bigint, steps: number): bigint => {
  if (max <= 0n) return 1n;
  const count = BigInt(Math.max(1, Math.floor(steps)));
  const raw = (max + count - 1n) / count;
  const magnitude = 10n ** BigInt(raw.toString().length - 1);
  for (const multiple of [1n, 2n, 5n]) if (multiple * magnitude >= raw) return multiple * magnitude;
  return 10n * magnitude;
};

/** 0, step, 2·step … up to the first tick at or above `max` (just [0, 1] for an all-zero series). */
export const axisTicks = (max: bigint, steps = 4): bigint[] => {
  const step = niceStep(max, steps);
  const ticks = [0n];
  while ((ticks.at(-1) ?? 0n) < max || ticks.length < 2) ticks.push((ticks.at(-1) ?? 0n) + step);
  return ticks;
};

// Parts per million: more than any screen resolves, small enough for a double to hold exactly.
const PRECISION = 1_000_000n;

/** value / top × length in pixels, the ratio taken in bigint so amounts beyond 2^53 scale exactly. */
export const scaled = (value: bigint, top: bigint, length: number): number => {
  if (top <= 0n || value <= 0n) return 0;
  const clamped = value > top ? top : value;
  return (Number((clamped * PRECISION) / top) / Number(PRECISION)) * length;
};

/** A pixel coordinate with two decimals, short in the markup. */
export const px = (value: number): number => Math.round(value * 100) / 100;
