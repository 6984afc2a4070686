import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_CSS_PATH, dashboardCss } from './dashboard-css.ts';

describe('dashboard stylesheet', () => {
  it('is the copy of assets/dashboard.css (edit the file, then paste it into dashboard-css.ts)', () => {
    expect(dashboardCss).toBe(readFileSync(new URL('./assets/dashboard.css', import.meta.url), 'utf8'));
  });

  it('is served under a URL that changes with its content', () => {
    expect(DASHBOARD_CSS_PATH).toMatch(/^\/dashboard\/assets\/dashboard\.[0-9a-f]{16}\.css$/);
  });

  it('loads nothing from elsewhere (the CSP allows styles and images from our origin only)', () => {
    expect(dashboardCss).not.toMatch(/url\(|@import|https?:/i);
  });
});
