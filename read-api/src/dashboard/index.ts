// The owners' web dashboard at /dashboard: server-rendered HTML (hono's html tag, escaped by
// default), inline SVG charts and one stylesheet; no script, so it runs under a strict CSP.
export * from './pages/index.ts';
export * from './dashboard-css.ts';
export * from './viewer.ts';
export type { Markup } from './markup.ts';
export { revenueChart, type RevenueChartOptions } from './chart/revenue-chart.ts';
export { NAV, type NavKey } from './components/layout.ts';
