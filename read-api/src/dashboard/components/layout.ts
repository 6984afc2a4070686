import { html } from 'hono/html';
import { DASHBOARD_CSS_PATH } from '../dashboard-css.ts';
import type { Markup } from '../markup.ts';
import type { Viewer } from '../viewer.ts';

export type NavKey = 'overview' | 'channels' | 'subscribers' | 'payments' | 'payouts';

export const NAV: readonly { key: NavKey; label: string; href: string }[] = [
  { key: 'overview', label: 'Overview', href: '/dashboard' },
  { key: 'channels', label: 'Channels', href: '/dashboard/channels' },
  { key: 'subscribers', label: 'Subscribers', href: '/dashboard/subscribers' },
  { key: 'payments', label: 'Payments', href: '/dashboard/payments' },
  { key: 'payouts', label: 'Payouts', href: '/dashboard/payouts' },
];

export type LayoutProps = { title: string; viewer: Viewer; active?: NavKey; body: Markup };

/** The whole document around a page body; one stylesheet, no script. */
export const documentShell = (title: string, content: Markup): Markup => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <meta name="robots" content="noindex, nofollow">
    <title>${title} · PayGate</title>
    <link rel="stylesheet" href="${DASHBOARD_CSS_PATH}">
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to main content</a>
    ${content}
  </body>
</html>`;

// Log-out is a POST with the CSRF token: a GET link could be triggered by any page.
const postButton = (action: string, label: string, csrfToken: string): Markup =>
  html`<form method="post" action="${action}"><input type="hidden" name="csrf" value="${csrfToken}"><button type="submit">${label}</button></form>`;

const navigation = (active: NavKey | undefined): Markup =>
  html`<nav class="nav" aria-label="Dashboard"><ul>${NAV.map(
    (item) => html`<li><a href="${item.href}"${item.key === active ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  )}</ul></nav>`;

const footer = html`<footer class="site-footer"><p>Times are in UTC. Amounts are exact, in the currency shown.</p></footer>`;

/** A signed-in page: header with navigation, who is signed in and the two log-out forms. */
export const layout = ({ title, viewer, active, body }: LayoutProps): Markup =>
  documentShell(
    title,
    html`<header class="site-header">
      <div class="header-inner">
        <a class="brand" href="/dashboard">PayGate</a>
        ${navigation(active)}
        <div class="viewer">
          <span>Signed in as <strong>${viewer.name}</strong> <span class="role badge badge-neutral">${viewer.role}</span></span>
          ${postButton('/dashboard/logout', 'Log out', viewer.csrfToken)}
          ${postButton('/dashboard/logout-everywhere', 'Log out everywhere', viewer.csrfToken)}
        </div>
      </div>
    </header>
    <main id="main" tabindex="-1">${body}</main>
    ${footer}`,
  );

/** A page for someone not signed in (login, errors): the brand, no navigation. */
export const publicLayout = ({ title, body }: { title: string; body: Markup }): Markup =>
  documentShell(
    title,
    html`<header class="site-header"><div class="header-inner"><a class="brand" href="/dashboard">PayGate</a></div></header>
    <main id="main" tabindex="-1">${body}</main>
    ${footer}`,
  );
