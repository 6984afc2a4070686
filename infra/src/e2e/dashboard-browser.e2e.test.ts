import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { waitFor } from '@paygate/testkit';
import { SANDBOX_DEMO_OWNER_ID } from '../dashboard/index.ts';
import { startPayoutHarness, type PayoutHarness } from '../payouts/test-support/payout-harness.ts';
import { accessibilityProblems, chromiumMissing, launchChromium, screenshot, type WatchedContext } from './test-support/browser.ts';
import {
  apiGet,
  dataValues,
  kpiValue,
  paymentRowsOf,
  paymentRowsShown,
  revenueShown,
  revenueTotals,
  rowHeaders,
  tableRows,
  type ChannelJson,
  type ListJson,
  type PaymentJson,
  type PayoutJson,
  type RevenueJson,
  type SubscriberJson,
} from './test-support/dashboard-figures.ts';
import { seedDashboard, type DashboardSeed } from './test-support/dashboard-seed.ts';
import { ACCESS_COOKIE, dashboardSessions, type DashboardSessions } from './test-support/dashboard-sessions.ts';

const skipped = chromiumMissing();
if (skipped) console.warn(`dashboard browser test skipped: ${skipped}`);

const OWNER = SANDBOX_DEMO_OWNER_ID;
const PAGES = [
  { name: 'overview', path: '/dashboard', h1: 'Overview' },
  { name: 'channels', path: '/dashboard/channels', h1: 'Channels' },
  { name: 'subscribers', path: '/dashboard/subscribers', h1: 'Subscribers' },
  { name: 'payments', path: '/dashboard/payments', h1: 'Payments' },
  { name: 'payouts', path: '/dashboard/payouts', h1: 'Payouts' },
];

// `paygate start` in sandbox mode with a channel of the demo owner, two paying subscribers and
// their payouts on the local chain (dashboard-seed.ts); Debian's Chromium logs in with the link
// the start printed and compares every page with the JSON API read with the same cookies.
describe.skipIf(skipped !== undefined)(skipped ? `the dashboard in Chromium (skipped: ${skipped})` : 'the dashboard in Chromium, against the running sandbox', () => {
  let bench: PayoutHarness;
  let browser: Browser;
  let sessions: DashboardSessions;
  let link: string;
  let seed: DashboardSeed;
  let owner: WatchedContext;
  let second: WatchedContext;

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startPayoutHarness({ name: 'e2e_dashboard' }), launchChromium()]);
    const server = await bench.start();
    link = await waitFor('the Dashboard: line of paygate start', () => /^Dashboard: (\S+)/m.exec(server.stdout())?.[1], { timeoutMs: 20_000 });
    const origin = new URL(link).origin;
    sessions = dashboardSessions(browser, origin, bench);
    seed = await seedDashboard(bench, origin, OWNER);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  it('logs in with the one-time link `paygate start` printed: __Host- cookies (Secure, httpOnly, SameSite=Strict) on http://127.0.0.1', async () => {
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/login\?token=/);
    owner = await sessions.open();
    const { page, context } = owner;
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Log in to PayGate');
    await screenshot(page, 'login-link');
    await Promise.all([page.waitForURL('/dashboard'), page.getByRole('button', { name: 'Log in' }).click()]);
    expect(await page.locator('.viewer').innerText()).toContain(`Telegram user ${OWNER}`);
    // Chromium keeps Secure cookies from http://127.0.0.1: loopback is a secure context.
    const cookies = new Map((await context.cookies()).map((cookie) => [cookie.name, cookie]));
    const host = { domain: '127.0.0.1', path: '/', secure: true, sameSite: 'Strict' };
    expect(cookies.get(ACCESS_COOKIE)).toMatchObject({ ...host, httpOnly: true });
    expect(cookies.get('__Host-paygate-refresh')).toMatchObject({ ...host, httpOnly: true });
    expect(cookies.get('__Host-paygate-csrf')).toMatchObject({ ...host, httpOnly: false });
    expect(await apiGet(page, '/api/v1/me')).toEqual({ role: 'owner', ownerId: OWNER });
  });

  it('opens every page: 200, an <h1>, the strict CSP and its stylesheet, no console error, accessible, screenshots', async () => {
    const { page, problems } = owner;
    for (const { name, path, h1 } of PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).not.toMatch(/unsafe|script-src|\*/);
      expect(await page.locator('h1').innerText(), path).toBe(h1);
      expect(await page.evaluate('document.styleSheets[0].cssRules.length'), `${path}: the stylesheet applies`).toBeGreaterThan(10);
      expect(await accessibilityProblems(page), path).toEqual([]);
      await screenshot(page, name);
    }
    expect(problems).toEqual([]);
    // On a phone, no page scrolls sideways (wide tables scroll inside their own box).
    await page.setViewportSize({ width: 390, height: 844 });
    const sideways: Record<string, unknown> = {};
    for (const { name, path } of PAGES) {
      await page.goto(path);
      await screenshot(page, `${name}-narrow`);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      if (overflow !== 0) sideways[path] = overflow;
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
    expect(sideways, 'pixels a page is wider than a 390 px screen').toEqual({});
  });

  it('shows the numbers the API gives the same session: KPIs, revenue totals, channels, subscribers, payments, payouts', async () => {
    const { page, problems } = owner;
    const revenue = await apiGet<RevenueJson>(page, '/api/v1/revenue');
    const payments = await apiGet<ListJson<PaymentJson>>(page, '/api/v1/payments');
    const channels = await apiGet<ListJson<ChannelJson>>(page, '/api/v1/channels');
    const subscribers = await apiGet<ListJson<SubscriberJson>>(page, '/api/v1/subscribers');
    const payouts = await apiGet<ListJson<PayoutJson>>(page, '/api/v1/payouts');
    expect((await page.request.get('/api/v1/balances')).status()).toBe(200);
    // What was seeded, and only the owner's: the other owner's channel is nowhere.
    expect(channels.items.map((channel) => channel.id)).toEqual([seed.channelId]);
    expect(subscribers.items.map((item) => item.subscriberId).sort()).toEqual([...seed.subscriberIds].sort());
    expect(revenue.activeSubscribers).toBe(2);
    expect(payments.items).toHaveLength(2);
    expect(payouts.items.map((payout) => payout.status)).toEqual(['sent', 'sent']);

    await page.goto('/dashboard');
    expect(await kpiValue(page, 'Active subscribers')).toBe(String(revenue.activeSubscribers));
    const dueSoon = subscribers.items.filter((item) => item.status === 'active' && Date.parse(item.endsAt) < Date.now() + 7 * 86_400_000);
    expect(await kpiValue(page, 'Renewals due')).toBe(String(dueSoon.length));
    const currencies = [...new Set(revenue.points.map((point) => point.currency))];
    expect(currencies).toHaveLength(1);
    for (const currency of currencies) {
      const [gross, fees, ownerShare] = revenueTotals(revenue, currency);
      expect(await revenueShown(page, currency, revenue.interval)).toEqual({ card: [ownerShare, gross], charts: 1, totalsRow: [gross, fees, ownerShare] });
    }
    expect(await paymentRowsShown(page, 'The latest payments, newest change first')).toEqual(paymentRowsOf(payments.items.slice(0, 10)));

    await page.goto('/dashboard/channels');
    expect(await page.locator('article.card h2').allInnerTexts()).toEqual(channels.items.map((channel) => channel.title));
    for (const channel of channels.items) {
      const card = page.locator('article.card', { has: page.getByRole('heading', { name: channel.title, level: 2 }) });
      expect((await card.locator('dl.facts dd').first().innerText()).replace(/\s+/g, ' ').trim()).toBe(`${channel.activeSubscribers} active of ${channel.subscribers}`);
      expect(await dataValues(card.getByRole('table'))).toEqual(channel.tiers.map((tier) => tier.price.amount));
    }
    expect(await page.content()).not.toContain(seed.foreignChannelId);

    await page.goto('/dashboard/subscribers');
    const subscriberRows = await tableRows(page, 'Subscribers, most recently changed first');
    const shown = await Promise.all(subscriberRows.map(async (row) => (await row.locator('td').allInnerTexts()).slice(0, 3).join(' | ')));
    expect(shown).toEqual(subscribers.items.map((item) => `${item.subscriberId} | Monthly | ${item.status}`));

    await page.goto('/dashboard/payments');
    expect(await paymentRowsShown(page, 'Payments, newest change first')).toEqual(paymentRowsOf(payments.items));

    await page.goto('/dashboard/payouts');
    const payoutsTable = 'Payouts, newest change first';
    expect(await rowHeaders(page, payoutsTable)).toEqual(payouts.items.map((payout) => payout.id));
    const hashTimes: Record<string, number> = {};
    for (const [index, row] of (await tableRows(page, payoutsTable)).entries()) {
      const payout = payouts.items[index]!;
      expect((await dataValues(row))[0]).toBe(payout.amount.amount);
      const text = await row.innerText();
      expect(text).toContain(payout.wallet!.address);
      hashTimes[payout.payoutHash!] = text.split(payout.payoutHash!).length - 1;
    }
    expect(problems).toEqual([]);
    // Each transaction once: a direct payout's one transfer is its payout hash too.
    expect(Object.values(hashTimes), `times each payout hash is listed: ${JSON.stringify(hashTimes)}`).toEqual(payouts.items.map(() => 1));
  });

  it('"Log out" ends this session only: back on the login page, /dashboard redirects there, the old access cookie is refused within 10 s', async () => {
    const { page, context, problems } = owner;
    const access = await sessions.accessCookie(owner);
    second = await sessions.logIn(await sessions.cliLink(OWNER));
    await Promise.all([page.waitForURL('/dashboard/login'), page.getByRole('button', { name: 'Log out', exact: true }).click()]);
    expect(await page.locator('h1').innerText()).toBe('Log in to PayGate');
    await screenshot(page, 'logged-out');
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual([]);
    await page.goto('/dashboard');
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await sessions.refusedWithin10s(access, 'the logged-out session');
    expect(await sessions.meStatus(await sessions.accessCookie(second))).toBe(200);
    expect(problems).toEqual([]);
  });

  it('"Log out everywhere" ends every session of the owner, in other browsers too', async () => {
    const third = await sessions.logIn(await sessions.cliLink(OWNER));
    const thirdAccess = await sessions.accessCookie(third);
    await second.page.goto('/dashboard');
    await Promise.all([second.page.waitForURL('/dashboard/login'), second.page.getByRole('button', { name: 'Log out everywhere' }).click()]);
    await sessions.refusedWithin10s(thirdAccess, 'another browser of the owner');
    await third.page.goto('/dashboard');
    expect(new URL(third.page.url()).pathname).toBe('/dashboard/login');
    expect([...second.problems, ...third.problems]).toEqual([]);
  });

  it('a login link works once: posting it again is refused (401, the login page saying why, no session cookies)', async () => {
    const again = await sessions.open();
    expect((await again.page.goto(link))?.status()).toBe(200);
    const [response] = await Promise.all([
      again.page.waitForResponse((candidate) => candidate.request().method() === 'POST' && new URL(candidate.url()).pathname === '/dashboard/login'),
      again.page.getByRole('button', { name: 'Log in' }).click(),
    ]);
    expect(response.status()).toBe(401);
    // The login page again, saying why (the POST's answer: its status, then the page it rendered).
    await again.page.getByRole('status').filter({ hasText: 'expired or was already used' }).waitFor();
    expect(await again.page.locator('h1').innerText()).toBe('Log in to PayGate');
    await screenshot(again.page, 'link-spent');
    expect((await again.context.cookies()).filter((cookie) => cookie.name !== '__Host-paygate-csrf')).toEqual([]);
    // Chromium logs the document's 401 itself; nothing else went wrong.
    expect(again.problems).toEqual([expect.stringContaining('the server responded with a status of 401')]);
  });
});
