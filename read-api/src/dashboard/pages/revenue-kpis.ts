import { html } from 'hono/html';
import { amountText } from '../format/money-text.ts';
import type { Markup } from '../markup.ts';
import type { RevenuePoint } from '../view-types.ts';

type CurrencyTotal = { currency: string; decimals: number; payments: number; gross: bigint; ownerShare: bigint };

/** Sums per currency (exact bigint), ordered by currency code. */
export const revenueByCurrency = (points: readonly RevenuePoint[]): CurrencyTotal[] => {
  const totals = new Map<string, CurrencyTotal>();
  for (const point of points) {
    const total = totals.get(point.currency) ?? { currency: point.currency, decimals: point.decimals, payments: 0, gross: 0n, ownerShare: 0n };
    totals.set(point.currency, {
      ...total,
      payments: total.payments + point.payments,
      gross: total.gross + point.gross,
      ownerShare: total.ownerShare + point.ownerShare,
    });
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
};

const amount = (units: bigint, decimals: number): Markup => {
  const text = amountText(units, decimals);
  return html`<data value="${text}">${text}</data>`;
};

/** One card per currency: the owner share large, the gross and the payment count under it. */
export const revenueKpis = (points: readonly RevenuePoint[]): Markup[] => {
  const totals = revenueByCurrency(points);
  if (totals.length === 0) {
    return [html`<li class="kpi"><h3>Revenue this period</h3><p class="kpi-value">0</p><p class="kpi-note">No payments in this period.</p></li>`];
  }
  return totals.map(
    (total) => html`<li class="kpi">
      <h3>Revenue in ${total.currency}</h3>
      <p class="kpi-value">${amount(total.ownerShare, total.decimals)} <span class="kpi-unit">${total.currency}</span></p>
      <p class="kpi-note">owner share, of ${amount(total.gross, total.decimals)}&nbsp;${total.currency} gross from ${total.payments} payment${total.payments === 1 ? '' : 's'}</p>
    </li>`,
  );
};
