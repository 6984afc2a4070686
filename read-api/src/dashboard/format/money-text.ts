import { html } from 'hono/html';
import { decimalOf, formatDecimal, formatMoney, type Money } from '@paygate/domain';
import type { Markup } from '../markup.ts';

/** Minor units as exact decimal text with every fraction digit, as the API shows it: (1250n, 2) → "12.50". */
export const amountText = (units: bigint, decimals: number): string => formatDecimal({ units, scale: decimals });

/** The shortest exact text, for axis labels: (1250n, 2) → "12.5", (10n ** 18n, 18) → "1". */
export const compactAmountText = (units: bigint, decimals: number): string => formatDecimal(decimalOf(units, decimals));

/** Money in a cell: the exact amount (machine-readable in `value`) and its currency. */
export const moneyText = (money: Money): Markup =>
  html`<data class="money" value="${formatMoney(money)}">${formatMoney(money)}&nbsp;${money.currency}</data>`;

/** Money that may be absent; a dash stands in. */
export const optionalMoneyText = (money: Money | null | undefined): Markup => (money ? moneyText(money) : html`<span class="muted">—</span>`);
