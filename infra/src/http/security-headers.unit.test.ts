import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNowPaymentsSandbox } from '@paygate/gateways';
import { createLogger } from '../logging/index.ts';
import { createHttpApp } from './index.ts';

const logger = createLogger({ level: 'silent' });
const sandbox = createNowPaymentsSandbox({ ipnSecret: 'security-headers-ipn', apiKey: 'security-headers-key' });
const appWith = (https = false) =>
  createHttpApp({
    logger,
    readiness: [],
    https,
    routes: (app) => {
      app.route('/sandbox/nowpayments', sandbox.app);
      app.get('/boom', () => {
        throw new Error('boom');
      });
    },
  });

const cspOf = (response: Response) =>
  new Map(
    (response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

describe('security headers', () => {
  it.each([
    ['a probe', '/healthz'],
    ['a 404', '/nope'],
    ['a 500', '/boom'],
    ['an HTML page', '/sandbox/nowpayments/payment/?iid=none'],
  ])('are on %s', async (_what, path) => {
    const response = await appWith().request(path);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = cspOf(response);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    // No script source at all, and no 'unsafe-inline' anywhere.
    expect(csp.has('script-src')).toBe(false);
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it("gives the dashboard's pages their own policy: its stylesheet from this origin, still no script, no frames", async () => {
    const page = cspOf(await appWith().request('/dashboard/login'));
    expect(page.get('default-src')).toEqual(["'none'"]);
    expect(page.get('style-src')).toEqual(["'self'"]);
    expect(page.get('img-src')).toEqual(["'self'"]);
    expect(page.get('frame-ancestors')).toEqual(["'none'"]);
    expect(page.has('script-src')).toBe(false);
    // Anything else keeps the API's policy: nothing from this origin, not even a stylesheet.
    expect(cspOf(await appWith().request('/dashboards')).get('style-src')).not.toContain("'self'");
  });

  it('sends HSTS only when PayGate is served over https', async () => {
    expect((await appWith(false).request('/healthz')).headers.get('strict-transport-security')).toBeNull();
    expect((await appWith(true).request('/healthz')).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it("lets the sandbox checkout page's inline stylesheet apply (its hash is in the CSP) and its form post to this origin", async () => {
    const invoice = await sandbox.app.request('/v1/invoice', {
      method: 'POST',
      headers: { 'x-api-key': 'security-headers-key', 'content-type': 'application/json' },
      body: JSON.stringify({ price_amount: 10, price_currency: 'usd', order_id: 'csp-1' }),
    });
    expect(invoice.status).toBeLessThan(300);
    const { id } = (await invoice.json()) as { id: string };
    const response = await appWith().request(`/sandbox/nowpayments/payment/?iid=${id}`);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<form method="post"');
    expect(html).not.toMatch(/<script|\son\w+=|style="/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
    expect(styles.length).toBeGreaterThan(0);
    const csp = cspOf(response);
    for (const hash of styles) expect(csp.get('style-src')).toContain(hash);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    // The form's action is relative: it posts to this origin, which form-action 'self' allows.
    expect(html).toMatch(/<form method="post" action="(?!https?:)[^"]*pay\?iid=/);
  });
});
