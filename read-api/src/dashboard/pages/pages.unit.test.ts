import { describe, expect, it } from 'vitest';
import type { Markup } from '../markup.ts';
import { auditor, channel, HOSTILE, owner, payment, payout, point, subscriber } from '../test-support/sample-views.ts';
import type { Viewer } from '../viewer.ts';
import {
  channelsPage,
  errorPage,
  loginLinkPage,
  loginPage,
  overviewPage,
  paymentsPage,
  paymentTrailPage,
  payoutsPage,
  subscribersPage,
} from './index.ts';

const render = async (markup: Markup): Promise<string> => String(await markup);

const from = new Date('2025-03-01T00:00:00Z');
const to = new Date('2025-03-31T00:00:00Z');
const trailEvent = { streamId: 'payment-5077125051', revision: '0', position: '10/10', type: 'PaymentStatusRecorded', recordedAt: '2025-03-01T10:00:00.000Z', data: { note: HOSTILE, amount: 10n } };

/** Every page with sample data in which shown text is hostile. */
const everyPage = (viewer: Viewer) => ({
  overview: overviewPage({ viewer, interval: 'week', from, to, revenue: [point(), point({ currency: 'ETH', decimals: 18, gross: 10n ** 19n, fees: 10n ** 18n, ownerShare: 9n * 10n ** 18n })], activeSubscribers: 3, renewalsDue: [subscriber()], recentPayments: [payment()] }),
  overviewEmpty: overviewPage({ viewer, interval: 'day', from, to, revenue: [], activeSubscribers: 0, renewalsDue: [], recentPayments: [] }),
  channels: channelsPage({ viewer, channels: [channel(), channel({ channelId: 'ch-2', payoutsHeld: { reason: HOSTILE, heldAt: '2025-03-01T00:00:00.000Z' } })], nextCursor: 'c1' }),
  subscribers: subscribersPage({ viewer, items: [subscriber(), subscriber({ tierName: null, status: 'expired' })], nextCursor: 'c2', filter: { channel: 'ch-1', status: 'active' } }),
  payments: paymentsPage({ viewer, items: [payment(), payment({ paymentId: '2', channelId: null, received: null, outcome: null, status: 'waiting' })], nextCursor: 'c3', filter: { status: 'finished', invoice: HOSTILE } }),
  payouts: payoutsPage({ viewer, filter: { status: 'sent' }, items: [payout(), payout({ payoutId: 'po-2', status: 'failed', statusReason: HOSTILE, transfers: [], executed: null, wallet: null, received: null, sentAt: null })], nextCursor: 'c4', explorerTxUrl: 'https://etherscan.io/tx/{hash}' }),
  trail: paymentTrailPage({ viewer, payment: payment(), events: [trailEvent] }),
  login: loginPage({ message: HOSTILE, botUsername: 'PayGateBot' }),
  loginLink: loginLinkPage({ token: 'link.secret"><b>', csrfToken: 'csrf-1' }),
  error: errorPage({ status: 404, title: 'Not found', detail: HOSTILE }),
  errorSignedIn: errorPage({ status: 403, title: 'Forbidden', detail: 'No.', viewer }),
});

describe('dashboard pages', () => {
  it('render as whole documents with no script, no inline style and nothing from another origin (strict CSP)', async () => {
    for (const [name, markup] of Object.entries(everyPage(auditor))) {
      const page = await render(markup);
      expect(page, name).toMatch(/^<!doctype html>/);
      expect(page, name).not.toMatch(/<script/i);
      expect(page, name).not.toMatch(/\sstyle\s*=/i);
      expect(page, name).not.toMatch(/<style/i);
      expect(page, name).not.toMatch(/\son[a-z]+\s*=/i);
      expect(page, name).toMatch(/<link rel="stylesheet" href="\/dashboard\/assets\/dashboard\.[0-9a-f]{16}\.css">/);
      expect(page.match(/<h1[ >]/g), name).toHaveLength(1);
      expect(page.match(/<main id="main"/g), name).toHaveLength(1);
      const external = [...page.matchAll(/(?:href|src|action)="([^"]*)"/g)].map((m) => m[1] ?? '').filter((url) => !url.startsWith('/') && !url.startsWith('#'));
      expect(external.every((url) => url.startsWith('https://etherscan.io/') || url.startsWith('https://t.me/')), name).toBe(true);
    }
  });

  it('escapes what the data says (a channel titled <script>…)', async () => {
    for (const [name, markup] of Object.entries(everyPage(owner))) {
      const page = await render(markup);
      expect(page, name).not.toContain(HOSTILE);
      expect(page, name).not.toContain('"><b>');
    }
    expect(await render(everyPage(owner).channels)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await render(everyPage(owner).overview)).toContain('Ada &quot;owner&quot; &lt;b&gt;');
  });

  it('gives owners no event-trail links, and auditors one per payment', async () => {
    for (const name of ['overview', 'payments'] as const) {
      expect(await render(everyPage(owner)[name]), name).not.toContain('href="/dashboard/payments/');
      expect(await render(everyPage(auditor)[name]), name).toContain('href="/dashboard/payments/5077125051"');
    }
  });

  it('keeps the filters in the next-page link, with the cursor and never an offset', async () => {
    expect(await render(everyPage(owner).subscribers)).toContain('href="/dashboard/subscribers?channel=ch-1&amp;status=active&amp;cursor=c2"');
    expect(await render(everyPage(owner).payments)).toContain(
      'href="/dashboard/payments?invoice=%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;status=finished&amp;cursor=c3"',
    );
    expect(await render(everyPage(owner).channels)).toContain('href="/dashboard/channels?cursor=c1"');
    expect(await render(everyPage(owner).payouts)).toContain('href="/dashboard/payouts?status=sent&amp;cursor=c4"');
    expect(await render(everyPage(owner).login)).not.toContain('rel="next"');
  });

  it('logs out by POST with the CSRF token, and logs in by POST from the link page', async () => {
    const page = await render(everyPage(owner).payouts);
    expect(page).toContain('<form method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="csrf-owner-1">');
    expect(page).toContain('<form method="post" action="/dashboard/logout-everywhere"><input type="hidden" name="csrf" value="csrf-owner-1">');
    const link = await render(everyPage(owner).loginLink);
    expect(link).toContain('<form method="post" action="/dashboard/login">');
    expect(link).toContain('name="token" value="link.secret&quot;&gt;&lt;b&gt;"');
    expect(link).toContain('name="csrf" value="csrf-1"');
  });

  it('links transaction hashes to the explorer without opener or referrer', async () => {
    const page = await render(everyPage(owner).payouts);
    expect(page).toContain('<a class="hash long" href="https://etherscan.io/tx/0xfeed01" rel="noopener noreferrer" target="_blank">0xfeed01');
    expect(page.match(/etherscan\.io\/tx\/0xfeed01/g)).toHaveLength(1);
    expect(page).toContain('(nonce 7, executed in block 123)');
    const plain = await render(payoutsPage({ viewer: owner, items: [payout()] }));
    expect(plain).not.toContain('<a class="hash');
    expect(plain).toContain('<code class="hash long">0xfeed01</code>');
  });

  it('marks the current section and shows exact money and the chart per currency', async () => {
    const page = await render(everyPage(owner).overview);
    expect(page).toContain('<a href="/dashboard" aria-current="page">Overview</a>');
    expect(page).toContain('<a href="/dashboard?interval=week" aria-current="page">Weekly</a>');
    expect(page).toContain('<data value="9.000000000000000000">9.000000000000000000</data> <span class="kpi-unit">ETH</span>');
    expect(page.match(/<svg class="chart-svg"/g)).toHaveLength(2);
    expect(await render(everyPage(owner).overviewEmpty)).toContain('No revenue in this period.');
    const full = await render(overviewPage({ viewer: owner, interval: 'day', from, to, revenue: [], activeSubscribers: 1, renewalsDue: [subscriber()], renewalsLimit: 1, recentPayments: [] }));
    expect(full).toContain('<p class="kpi-value">1<span aria-hidden="true">+</span><span class="visually-hidden"> or more</span></p>');
  });

  it('shows the trail data as escaped JSON and the bot link on the login page', async () => {
    expect(await render(everyPage(auditor).trail)).toContain('&quot;note&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;,\n  &quot;amount&quot;: &quot;10&quot;');
    expect(await render(everyPage(owner).login)).toContain('href="https://t.me/PayGateBot"');
    expect(await render(loginPage({ botUsername: 'x" onclick="y' }))).not.toContain('t.me');
  });

  it('names an anonymous donation\'s donor as anonymous, and a named one by their id', async () => {
    const anonymous = await render(paymentTrailPage({ viewer: auditor, payment: payment({ kind: 'donation', tierId: 'donation', subscriberId: null }), events: [] }));
    expect(anonymous).toContain('<dt>Donor</dt><dd class="hash">anonymous</dd>');
    const named = await render(paymentTrailPage({ viewer: auditor, payment: payment({ kind: 'donation', tierId: 'donation' }), events: [] }));
    expect(named).toContain('<dt>Donor</dt><dd class="hash">424242</dd>');
  });
});
