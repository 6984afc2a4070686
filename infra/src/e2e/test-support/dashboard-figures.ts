// Test helper (not product code): the figures the dashboard's browser test compares, read from the
// JSON API (with the browser's own session cookies) and from the rendered pages (their tables,
// KPI cards and the machine-readable `<data value>` of every amount).
import type { Locator, Page } from 'playwright-core';

export type MoneyJson = { amount: string; currency: string; decimals: number; minorUnits: string };
export type RevenueJson = {
  interval: string;
  activeSubscribers: number;
  points: { periodStart: string; currency: string; payments: number; gross: MoneyJson; fees: MoneyJson; ownerShare: MoneyJson }[];
};
export type PaymentJson = { id: string; channelId: string | null; status: string; price: MoneyJson | null; received: { actuallyPaid: MoneyJson; outcome: MoneyJson } | null };
export type ChannelJson = { id: string; title: string; ownerId: string; activeSubscribers: number; subscribers: number; tiers: { id: string; name: string; price: MoneyJson }[] };
export type SubscriberJson = { channelId: string; subscriberId: string; status: string; endsAt: string };
export type PayoutJson = { id: string; channelId: string; status: string; amount: MoneyJson; payoutHash: string | null; wallet: { address: string } | null };
export type ListJson<T> = { items: T[]; nextCursor: string | null };

/** GET an API path with the page's cookies (the browser's session); throws on anything but 200. */
export const apiGet = async <T>(page: Page, path: string): Promise<T> => {
  const response = await page.request.get(path);
  if (response.status() !== 200) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
};

/** Minor units as the dashboard prints amounts: every fraction digit ((1250n, 2) → "12.50"). */
export const fixedDecimal = (units: bigint, decimals: number): string => {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
};

/** The exact sum of amounts of one currency, as decimal text with every fraction digit. */
export const sumOf = (amounts: readonly MoneyJson[]): string => {
  const decimals = amounts[0]?.decimals ?? 0;
  return fixedDecimal(amounts.reduce((total, money) => total + BigInt(money.minorUnits), 0n), decimals);
};

/** The API's revenue of one currency summed: [gross, fees, owner share], exact. */
export const revenueTotals = (revenue: RevenueJson, currency: string): [string, string, string] => {
  const points = revenue.points.filter((point) => point.currency === currency);
  return [sumOf(points.map((point) => point.gross)), sumOf(points.map((point) => point.fees)), sumOf(points.map((point) => point.ownerShare))];
};

/** The `value` of every `<data>` inside `scope`, in document order. */
export const dataValues = async (scope: Locator): Promise<string[]> =>
  Promise.all((await scope.locator('data').all()).map(async (data) => (await data.getAttribute('value')) ?? ''));

/** The body rows of the table named `name` (its caption). */
export const tableRows = (page: Page, name: string): Promise<Locator[]> => page.getByRole('table', { name, exact: true }).locator('tbody > tr').all();

/** Row headers' text of the table named `name`: the first column, e.g. the payment ids. */
export const rowHeaders = async (page: Page, name: string): Promise<string[]> =>
  Promise.all((await tableRows(page, name)).map(async (row) => (await row.locator('th[scope="row"]').innerText()).trim()));

/** The KPI card whose heading is `title`: its big value as text. */
export const kpiValue = async (page: Page, title: string): Promise<string> =>
  (await page.locator('li.kpi', { has: page.getByRole('heading', { name: title, exact: true }) }).locator('.kpi-value').innerText()).trim();

/**
 * What the overview shows of one currency's revenue: the KPI card's amounts (owner share, gross),
 * how many charts are named for it, and the totals row of its figures table (gross, fees, owner share).
 */
export const revenueShown = async (page: Page, currency: string, interval: string) => {
  const card = page.locator('li.kpi', { has: page.getByRole('heading', { name: `Revenue in ${currency}`, exact: true }) });
  const chart = page.getByRole('img', { name: new RegExp(`^Revenue in ${currency} per ${interval}, `) });
  return {
    card: await dataValues(card),
    charts: await chart.count(),
    totalsRow: await dataValues(page.locator('figure.chart', { has: chart }).locator('tfoot')),
  };
};

/** The amounts a payments table shows per row: price, paid and settled (absent ones left out). */
export const paymentAmounts = (payment: PaymentJson): string[] =>
  [payment.price?.amount, payment.received?.actuallyPaid.amount, payment.received?.outcome.amount].filter((amount): amount is string => amount !== undefined);

/** Each row of a payments table as `<id> <amounts…>`, to compare with the API's items. */
export const paymentRowsShown = async (page: Page, name: string): Promise<string[]> =>
  Promise.all(
    (await tableRows(page, name)).map(async (row) => [(await row.locator('th[scope="row"]').innerText()).trim(), ...(await dataValues(row))].join(' ')),
  );

export const paymentRowsOf = (payments: readonly PaymentJson[]): string[] => payments.map((payment) => [payment.id, ...paymentAmounts(payment)].join(' '));
