// Test helper (not product code): Debian's Chromium driven by playwright-core, for the dashboard's
// browser test: launch it, collect what a page complains about (console errors, CSP violations,
// failed requests), an accessibility smoke check, and screenshots under infra/.artifacts/.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/test-support/spawn-paygate.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where the screenshots go (gitignored): infra/.artifacts/dashboard/<name>.png. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'infra/.artifacts/dashboard');

/** Why the browser test cannot run here, or undefined when it can. */
export const chromiumMissing = (): string | undefined =>
  existsSync(CHROMIUM_PATH) ? undefined : `Chromium not found at ${CHROMIUM_PATH} — install Debian's chromium (apt-get install chromium) to run the dashboard's browser test`;

// Headless, and quiet: no update checks, sync or other traffic of its own that could log errors.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });

export type WatchedContext = { context: BrowserContext; page: Page; problems: string[] };

/**
 * A fresh context (no cookies) on `origin` and its one page. Every console error, uncaught error,
 * failed request and CSP violation of the page lands in `problems`; violations are reported by a
 * listener injected through the DevTools protocol (the page's CSP allows no script of its own).
 */
export const openContext = async (browser: Browser, origin: string, viewport = { width: 1280, height: 900 }): Promise<WatchedContext> => {
  const context = await browser.newContext({ baseURL: origin, viewport });
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => console.error('CSP violation: ' + event.effectiveDirective + ' blocked ' + event.blockedURI));`,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content[ -]Security[ -]Policy/i.test(message.text())) problems.push(`console ${message.type()} on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`));
  return { context, page, problems };
};

/** A full-page screenshot at infra/.artifacts/dashboard/<name>.png; returns the path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

/**
 * An accessibility smoke check of the page as rendered: `lang` on <html>, one <main>, an <h1>,
 * every table named (caption or aria-label), every image and non-hidden SVG with an accessible
 * name, every visible form control labelled. Returns what is missing (empty: all good).
 */
export const accessibilityProblems = async (page: Page): Promise<string[]> => {
  const problems: string[] = [];
  if (!(await page.locator('html').getAttribute('lang'))) problems.push('<html> has no lang');
  if ((await page.locator('main').count()) !== 1) problems.push(`${await page.locator('main').count()} <main> elements, not 1`);
  if ((await page.locator('h1').count()) < 1) problems.push('no <h1>');
  const unnamedTables = await page.locator('table:not([aria-label]):not([aria-labelledby]):not(:has(> caption))').count();
  if (unnamedTables > 0) problems.push(`${unnamedTables} table(s) without a caption or aria-label`);
  const imagesWithoutAlt = await page.locator('img:not([alt])').count();
  if (imagesWithoutAlt > 0) problems.push(`${imagesWithoutAlt} <img> without alt`);
  for (const svg of await page.locator('svg:not([aria-hidden="true"])').all()) {
    const labelledBy = (await svg.getAttribute('aria-labelledby')) ?? '';
    const names = await Promise.all(labelledBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).first().textContent()));
    const name = ((await svg.getAttribute('aria-label')) ?? names.join(' ')).trim();
    if ((await svg.getAttribute('role')) !== 'img' || name === '') problems.push(`an <svg> without role="img" and an accessible name (${labelledBy || 'no aria-labelledby'})`);
  }
  for (const control of await page.locator('input:not([type="hidden"]), select, textarea').all()) {
    // A control inside its <label>, or named by aria-label: the label text is its name.
    const labelled = (await control.locator('xpath=ancestor::label').count()) > 0 || (await control.getAttribute('aria-label')) !== null;
    if (!labelled) problems.push(`an unlabelled form control: ${(await control.getAttribute('name')) ?? '?'}`);
  }
  // Playwright's own accessible-name computation: no image or table in the tree without a name.
  const tree = await page.locator('body').ariaSnapshot();
  for (const line of tree.split('\n').filter((entry) => /^\s*- (img|table)\s*(:|$)/.test(entry))) problems.push(`unnamed in the accessibility tree: ${line.trim()}`);
  return problems;
};
