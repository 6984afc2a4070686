import { html } from 'hono/html';
import { amountText, compactAmountText } from '../format/money-text.ts';
import { utcDateText } from '../format/time-text.ts';
import type { Markup } from '../markup.ts';
import type { RevenuePoint } from '../view-types.ts';
import { axisLabel, bucketName } from './bucket-labels.ts';
import { axisTicks, px, scaled } from './chart-scale.ts';
import { revenueBuckets, totalOf, type RevenueBucket, type RevenueRange } from './revenue-buckets.ts';
import { revenueTable } from './revenue-table.ts';

// Geometry of the viewBox; the SVG scales to its container's width (CSS), so these are proportions.
const WIDTH = 720;
const HEIGHT = 280;
const TOP = 16;
const BOTTOM = HEIGHT - 44;
const RIGHT = WIDTH - 12;
const MAX_X_LABELS = 8;
const BAR_FILL = 0.72;

export type RevenueChartOptions = RevenueRange;

const chartId = ({ currency, interval }: RevenueRange): string => `revenue-${currency.toLowerCase().replace(/[^a-z0-9]/g, '-')}-${interval}`;

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Room for the longest tick label (about 7 px a character at the label size). */
const leftMargin = (labels: readonly string[]): number => Math.min(220, Math.max(48, Math.max(...labels.map((label) => label.length)) * 7 + 16));

const busiest = (buckets: readonly RevenueBucket[]): RevenueBucket | undefined =>
  buckets.reduce<RevenueBucket | undefined>((best, bucket) => (best === undefined || bucket.gross > best.gross ? bucket : best), undefined);

/**
 * Revenue per day, week or month in one currency as an inline SVG bar chart: owner share stacked
 * under fees (together the gross), value gridlines with exact labels, a `<title>` tooltip per bar
 * and the same figures in a table. An empty series renders a sentence instead of an empty plot.
 */
export const revenueChart = (points: readonly RevenuePoint[], options: RevenueChartOptions): Markup => {
  const { currency, interval } = options;
  const { buckets, decimals } = revenueBuckets(points, options);
  const total = totalOf(buckets);
  // `to` is exclusive: the caption names the last day included.
  const caption = `Revenue in ${currency} per ${interval}, ${utcDateText(options.from)} through ${utcDateText(new Date(options.to.getTime() - 86_400_000))} (UTC)`;
  if (total.payments === 0 && total.gross === 0n) {
    return html`<figure class="chart chart-empty"><figcaption>${caption}</figcaption><p class="empty">No revenue in ${currency} in this period.</p></figure>`;
  }
  const money = (units: bigint) => `${amountText(units, decimals)} ${currency}`;
  const ticks = axisTicks(buckets.reduce((max, bucket) => (bucket.gross > max ? bucket.gross : max), 0n));
  const top = ticks.at(-1) ?? 1n;
  const labels = ticks.map((tick) => compactAmountText(tick, decimals));
  const left = leftMargin(labels);
  const plotHeight = BOTTOM - TOP;
  const slot = (RIGHT - left) / buckets.length;
  const barWidth = px(Math.max(1, slot * BAR_FILL));
  const every = Math.ceil(buckets.length / MAX_X_LABELS);
  const id = chartId(options);
  const peak = busiest(buckets);
  const summary =
    `Gross ${money(total.gross)}, owner share ${money(total.ownerShare)}, fees ${money(total.fees)} from ${plural(total.payments, 'payment')}.` +
    (peak ? ` Highest: ${bucketName(peak.start, interval)} with ${money(peak.gross)} gross.` : '');

  const gridlines = ticks.map((tick, index) => {
    const y = px(BOTTOM - scaled(tick, top, plotHeight));
    return html`<line class="gridline" x1="${left}" y1="${y}" x2="${RIGHT}" y2="${y}" /><text class="tick-label" x="${left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${labels[index]}</text>`;
  });
  const bars = buckets.map((bucket, index) => {
    const slotX = px(left + index * slot);
    const x = px(left + index * slot + (slot - barWidth) / 2);
    const gross = px(scaled(bucket.gross, top, plotHeight));
    const share = px(scaled(bucket.ownerShare, top, plotHeight));
    const tooltip = `${bucketName(bucket.start, interval)}: gross ${money(bucket.gross)}, owner share ${money(bucket.ownerShare)}, fees ${money(bucket.fees)}, ${plural(bucket.payments, 'payment')}`;
    return html`<g class="bar"><title>${tooltip}</title><rect class="bar-hit" x="${slotX}" y="${TOP}" width="${px(slot)}" height="${plotHeight}" />${
      share > 0 ? html`<rect class="bar-share" x="${x}" y="${px(BOTTOM - share)}" width="${barWidth}" height="${share}" />` : ''
    }${gross > share ? html`<rect class="bar-fee" x="${x}" y="${px(BOTTOM - gross)}" width="${barWidth}" height="${px(gross - share)}" />` : ''}</g>`;
  });
  const xLabels = buckets.map((bucket, index) =>
    index % every === 0
      ? html`<text class="axis-label" x="${px(left + (index + 0.5) * slot)}" y="${BOTTOM + 20}" text-anchor="middle">${axisLabel(bucket.start, interval)}</text>`
      : '',
  );

  return html`<figure class="chart">
    <figcaption>${caption}</figcaption>
    <svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-summary" focusable="false">
      <title id="${id}-title">${caption}</title>
      <g class="grid">${gridlines}</g>
      <g class="bars">${bars}</g>
      <line class="axis" x1="${left}" y1="${BOTTOM}" x2="${RIGHT}" y2="${BOTTOM}" />
      <g class="x-labels">${xLabels}</g>
    </svg>
    <ul class="legend">
      <li><span class="swatch swatch-share" aria-hidden="true"></span>Owner share</li>
      <li><span class="swatch swatch-fee" aria-hidden="true"></span>Fees (with the owner share: gross)</li>
    </ul>
    <p class="chart-summary" id="${id}-summary">${summary}</p>
    ${revenueTable({ buckets, decimals, currency, interval, caption })}
  </figure>`;
};
