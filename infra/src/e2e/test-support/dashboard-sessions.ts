// Test helper (not product code): dashboard sessions in Chromium for the browser test: log in
// through a one-time link's confirm page, issue more links with the CLI, and check from outside
// the browser whether a session's access cookie still opens the API.
import type { Browser } from 'playwright-core';
import { waitFor } from '@paygate/testkit';
import type { PayoutHarness } from '../../payouts/test-support/payout-harness.ts';
import { openContext, type WatchedContext } from './browser.ts';

export const ACCESS_COOKIE = '__Host-paygate-access';

export type DashboardSessions = {
  /** A fresh context that opens `url` (a login link) and presses "Log in"; resolves on /dashboard. */
  logIn(url: string): Promise<WatchedContext>;
  /** A fresh context, not logged in. */
  open(): Promise<WatchedContext>;
  /** A new one-time link from `paygate dashboard link --owner`, on the running server's origin. */
  cliLink(ownerId: string): Promise<string>;
  accessCookie(watched: WatchedContext): Promise<string>;
  /** The status of GET /api/v1/me with only this access cookie (outside the browser). */
  meStatus(access: string): Promise<number>;
  /** Waits up to 10 s until the access cookie is refused (401). */
  refusedWithin10s(access: string, what: string): Promise<true>;
};

export const dashboardSessions = (browser: Browser, origin: string, bench: PayoutHarness): DashboardSessions => {
  const open = () => openContext(browser, origin);
  const meStatus = async (access: string) => (await fetch(`${origin}/api/v1/me`, { headers: { cookie: `${ACCESS_COOKIE}=${access}` } })).status;
  return {
    open,
    async logIn(url) {
      const watched = await open();
      const confirm = await watched.page.goto(url);
      if (confirm?.status() !== 200) throw new Error(`the login link answered ${confirm?.status()}`);
      await Promise.all([watched.page.waitForURL(`${origin}/dashboard`), watched.page.getByRole('button', { name: 'Log in' }).click()]);
      return watched;
    },
    // The CLI's link carries the token; the server listens on a port the CLI process cannot know.
    async cliLink(ownerId) {
      const { url } = JSON.parse(await bench.cli('dashboard', 'link', '--owner', ownerId, '--json')) as { url: string };
      return `${origin}/dashboard/login?token=${encodeURIComponent(new URL(url).searchParams.get('token') ?? '')}`;
    },
    async accessCookie(watched) {
      const cookie = (await watched.context.cookies()).find((candidate) => candidate.name === ACCESS_COOKIE);
      if (!cookie) throw new Error('no access cookie in this context');
      return cookie.value;
    },
    meStatus,
    refusedWithin10s: (access, what) => waitFor(`${what}: /api/v1/me answers 401`, async () => (await meStatus(access)) === 401, { timeoutMs: 10_000, intervalMs: 250 }),
  };
};
