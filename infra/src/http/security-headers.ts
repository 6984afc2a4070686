import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The one inline stylesheet PayGate serves: the NOWPayments sandbox checkout page's `<style>`
 * (gateways/src/nowpayments/sandbox/checkout-page.ts). Allowed by hash, so no other inline
 * style or any script can run; security-headers.unit.test.ts renders the page and fails when the
 * stylesheet changes without this hash.
 */
export const SANDBOX_CHECKOUT_STYLE_HASH = "'sha256-UZUWoY9eUwhVaFCbxAEkVKZcLYRzVJ4VJLSoftlqCZY='";

/** One year; browsers then refuse plain http to this host. */
const HSTS = 'max-age=31536000';

/**
 * Headers on every response (hono's secureHeaders): no MIME sniffing, no framing (X-Frame-Options
 * and CSP frame-ancestors), no referrer, and a CSP that loads nothing — the APIs answer JSON,
 * the only HTML is the sandbox checkout, whose form posts to this origin. HSTS only when the
 * public URL is https: sent over plain http it would be ignored at best, and pin a
 * misconfigured host at worst.
 */
export const securityHeaders = ({ https }: { https: boolean }): MiddlewareHandler => {
  const withPolicy = (sources: { styleSrc: string[]; imgSrc?: string[] }) =>
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], ...sources, formAction: ["'self'"], baseUri: ["'none'"], frameAncestors: ["'none'"] },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      strictTransportSecurity: https ? HSTS : false,
    });
  const api = withPolicy({ styleSrc: [SANDBOX_CHECKOUT_STYLE_HASH] });
  // The dashboard's pages load their one stylesheet from this origin; still no script at all.
  const dashboard = withPolicy({ styleSrc: ["'self'"], imgSrc: ["'self'"] });
  return (c, next) => (c.req.path === '/dashboard' || c.req.path.startsWith('/dashboard/') ? dashboard(c, next) : api(c, next));
};
