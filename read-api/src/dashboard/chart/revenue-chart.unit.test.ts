import { describe, expect, it } from 'vitest';
import { point } from '../test-support/sample-views.ts';
import { bucketStart, revenueBuckets } from './revenue-buckets.ts';
import { revenueChart } from './revenue-chart.ts';

const render = async (markup: ReturnType<typeof revenueChart>) => String(await markup);
const range = { currency: 'USDT', interval: 'week' as const, from: new Date('2025-03-03T00:00:00Z'), to: new Date('2025-03-24T00:00:00Z') };
const heights = (svg: string, kind: 'share' | 'fee') => [...svg.matchAll(new RegExp(`class="bar-${kind}"[^>]* height="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));

describe('revenueChart', () => {
  it('draws one slot per bucket of the range, empty weeks included', () => {
    const { buckets } = revenueBuckets([point()], range);
    expect(buckets.map((bucket) => bucket.start.toISOString().slice(0, 10))).toEqual(['2025-03-03', '2025-03-10', '2025-03-17']);
    expect(buckets.map((bucket) => bucket.gross)).toEqual([12_500_000n, 0n, 0n]);
  });

  it('starts weeks on Monday and months on the 1st, in UTC', () => {
    expect(bucketStart(new Date('2025-03-09T23:59:59Z'), 'week').toISOString()).toBe('2025-03-03T00:00:00.000Z');
    expect(bucketStart(new Date('2025-03-09T23:59:59Z'), 'month').toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(bucketStart(new Date('2025-03-09T23:59:59Z'), 'day').toISOString()).toBe('2025-03-09T00:00:00.000Z');
  });

  it('draws bars proportional to the amounts (owner share under fees)', async () => {
    const svg = await render(
      revenueChart(
        [
          point({ gross: 200n, fees: 20n, ownerShare: 180n }),
          point({ periodStart: '2025-03-10T00:00:00.000Z', gross: 100n, fees: 10n, ownerShare: 90n }),
        ],
        range,
      ),
    );
    const [firstShare, secondShare] = heights(svg, 'share');
    const [firstFee, secondFee] = heights(svg, 'fee');
    expect(firstShare).toBeCloseTo(2 * (secondShare ?? 0), 1);
    expect((firstShare ?? 0) + (firstFee ?? 0)).toBeCloseTo(2 * ((secondShare ?? 0) + (secondFee ?? 0)), 1);
    expect(firstFee).toBeCloseTo((firstShare ?? 0) / 9, 1);
    expect(svg.match(/class="bar-hit"/g)).toHaveLength(3);
    expect(svg).toContain('<title>week of 2025-03-03: gross 0.000200 USDT, owner share 0.000180 USDT, fees 0.000020 USDT, 1 payment</title>');
  });

  it('labels 18-decimal amounts beyond 2^53 exactly, in the tooltip, the table and the axis', async () => {
    const gross = 12_345_678_901_234_567_891n;
    const fees = 1_234_567_890_123_456_789n;
    const svg = await render(
      revenueChart([point({ currency: 'ETH', decimals: 18, gross, fees, ownerShare: gross - fees, payments: 2 })], { ...range, currency: 'ETH' }),
    );
    expect(svg).toContain('gross 12.345678901234567891 ETH');
    expect(svg).toContain('owner share 11.111111011111111102 ETH');
    expect(svg).toContain('<data value="12.345678901234567891">12.345678901234567891&nbsp;ETH</data>');
    expect(svg).toMatch(/class="tick-label"[^>]*>15<\/text>/);
    expect(svg).toMatch(/class="tick-label"[^>]*>5<\/text>/);
  });

  it('renders an empty state for a series without revenue in the currency', async () => {
    const html = await render(revenueChart([point({ currency: 'ETH' })], range));
    expect(html).toContain('No revenue in USDT in this period.');
    expect(html).not.toContain('<svg');
  });

  it('still draws a point outside the range (no revenue is hidden)', () => {
    const { buckets } = revenueBuckets([point({ periodStart: '2025-01-06T00:00:00.000Z' })], range);
    expect(buckets).toHaveLength(4);
    expect(buckets[0]?.start.toISOString()).toBe('2025-01-06T00:00:00.000Z');
  });
});
