/** Percentile over recorded latencies in milliseconds (nearest-rank). */
export const percentile = (sortedMs: readonly number[], p: number): number => {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank]!;
};

export type Summary = { count: number; perSecond: number; p50: number; p99: number };

export const summarise = (latenciesMs: number[], elapsedMs: number): Summary => {
  latenciesMs.sort((a, b) => a - b);
  return {
    count: latenciesMs.length,
    perSecond: (latenciesMs.length * 1000) / elapsedMs,
    p50: percentile(latenciesMs, 50),
    p99: percentile(latenciesMs, 99),
  };
};

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

export const row = (name: string, figures: Record<string, string>): void => {
  const cells = Object.entries(figures).map(([k, v]) => `${k}=${v}`);
  console.log(`${name.padEnd(44)} ${cells.join('  ')}`);
};
