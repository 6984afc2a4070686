import { html } from 'hono/html';
import { amountText } from '../format/money-text.ts';
import type { Markup } from '../markup.ts';
import type { RevenueInterval } from '../view-types.ts';
import { bucketName } from './bucket-labels.ts';
import { totalOf, type RevenueBucket } from './revenue-buckets.ts';

export type RevenueTableProps = { buckets: readonly RevenueBucket[]; decimals: number; currency: string; interval: RevenueInterval; caption: string };

const amountCell = (units: bigint, decimals: number, currency: string): Markup => {
  const text = amountText(units, decimals);
  return html`<td class="num"><data value="${text}">${text}&nbsp;${currency}</data></td>`;
};

/**
 * The chart's figures as a table, for screen readers and for anyone who wants the exact numbers:
 * the buckets with payments (empty ones add nothing) and a total row.
 */
export const revenueTable = ({ buckets, decimals, currency, interval, caption }: RevenueTableProps): Markup => {
  const total = totalOf(buckets);
  const rows = buckets
    .filter((bucket) => bucket.payments > 0 || bucket.gross > 0n)
    .map(
      (bucket) => html`<tr>
        <th scope="row"><time datetime="${bucket.start.toISOString()}">${bucketName(bucket.start, interval)}</time></th>
        <td class="num">${bucket.payments}</td>
        ${amountCell(bucket.gross, decimals, currency)}${amountCell(bucket.fees, decimals, currency)}${amountCell(bucket.ownerShare, decimals, currency)}
      </tr>`,
    );
  return html`<details class="chart-data">
    <summary>Show the figures as a table</summary>
    <div class="table-wrap">
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr><th scope="col">Period (UTC)</th><th scope="col" class="num">Payments</th><th scope="col" class="num">Gross</th><th scope="col" class="num">Fees</th><th scope="col" class="num">Owner share</th></tr>
        </thead>
        <tbody>${rows}</tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th><td class="num">${total.payments}</td>
            ${amountCell(total.gross, decimals, currency)}${amountCell(total.fees, decimals, currency)}${amountCell(total.ownerShare, decimals, currency)}
          </tr>
        </tfoot>
      </table>
    </div>
  </details>`;
};
