import { describe, expect, it } from 'vitest';
import { DASHBOARD_CSS_PATH, dashboardCss } from './dashboard-css.ts';

describe('dashboard stylesheet', () => {
  it('is served under a URL that changes with its content', () => {
    expect(DASHBOARD_CSS_PATH).toMatch(/^\/dashboard\/assets\/dashboard\.[0-9a-f]{16}\.css$/);
  });

  it('loads nothing from elsewhere (the CSP allows styles and images from our origin only)', () => {
    expect(dashboardCss).not.toMatch(/url\(|@import|https?:/i);
  });
});
