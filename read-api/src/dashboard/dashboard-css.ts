import { createHash } from 'node:crypto';

/** The dashboard's one stylesheet, kept as a constant so serving it reads no file. */
export const dashboardCss = `/* PayGate dashboard. Served from our origin under a strict CSP: no inline styles anywhere. */
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --surface: #ffffff; --text: #1b1f24; --muted: #555f6b; --border: #cdd4dc;
  --accent: #0a58a8; --accent-text: #ffffff; --focus: #b35c00;
  --share: #2563b0; --fee: #8fb6e6; --grid: #e2e6eb; --hover: rgba(37, 99, 176, 0.08);
  --ok-bg: #dcf2e3; --ok: #14532d; --warn-bg: #fdf0d2; --warn: #6b4300; --bad-bg: #fbe0e0; --bad: #7f1d1d;
  --neutral-bg: #e8ebef; --neutral: #343b44;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1217; --surface: #181c23; --text: #e7eaee; --muted: #a5afbb; --border: #343c48;
    --accent: #8ab8ff; --accent-text: #0f1217; --focus: #ffb454;
    --share: #5b9cf0; --fee: #2f5486; --grid: #2a313c; --hover: rgba(91, 156, 240, 0.14);
    --ok-bg: #12351f; --ok: #b7ebc6; --warn-bg: #3d2c05; --warn: #f7d58b; --bad-bg: #421616; --bad: #f8c0c0;
    --neutral-bg: #2a313c; --neutral: #d5dbe2;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
code, pre, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.875em; }
.hash { overflow-wrap: break-word; }
.long { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: 0.5rem; top: -3rem; padding: 0.5rem 1rem; background: var(--accent); color: var(--accent-text); z-index: 10; }
.skip-link:focus { top: 0.5rem; }

/* Header and navigation */
.site-header { background: var(--surface); border-bottom: 1px solid var(--border); }
.header-inner, main, .site-footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.header-inner { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.brand { font-weight: 700; font-size: 1.15rem; color: var(--text); text-decoration: none; }
.nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
.nav a { display: block; padding: 0.35rem 0.7rem; border-radius: 6px; text-decoration: none; color: var(--text); }
.nav a:hover { background: var(--hover); }
.nav a[aria-current="page"] { background: var(--accent); color: var(--accent-text); }
.viewer { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.viewer form { margin: 0; }
.role { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
main { padding-top: 1.5rem; padding-bottom: 3rem; }
.site-footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; }

/* Controls */
button, .button {
  font: inherit; cursor: pointer; border: 1px solid var(--border); background: var(--surface); color: var(--text);
  border-radius: 6px; padding: 0.35rem 0.8rem; text-decoration: none; display: inline-block;
}
button:hover, .button:hover { background: var(--hover); }
.primary { background: var(--accent); color: var(--accent-text); border-color: var(--accent); font-weight: 600; }
.primary:hover { background: var(--accent); filter: brightness(1.1); }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem; margin: 0 0 1rem; }
.filters label { display: flex; flex-direction: column; font-size: 0.875rem; color: var(--muted); gap: 0.2rem; }
input, select { font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: 0.3rem 0.5rem; }
.switch { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.switch a { display: block; padding: 0.25rem 0.75rem; border: 1px solid var(--border); border-radius: 999px; text-decoration: none; }
.switch a[aria-current="page"] { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }

/* Cards */
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.kpi, .card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 1rem 1.25rem; }
.kpi h3 { font-size: 0.9rem; font-weight: 600; color: var(--muted); margin: 0 0 0.25rem; }
.kpi-value { font-size: 1.75rem; font-weight: 700; margin: 0; overflow-wrap: anywhere; line-height: 1.2; }
.kpi-unit { font-size: 1rem; font-weight: 600; color: var(--muted); white-space: nowrap; }
.kpi-note { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.875rem; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
.card h2 { margin-top: 0; }
.card > :last-child { margin-bottom: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }

/* Tables */
.table-wrap { overflow-x: auto; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 0.925rem; }
caption { text-align: left; font-weight: 600; padding: 0.75rem 0.75rem 0.25rem; }
th, td { text-align: left; padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--border); vertical-align: top; }
thead th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); white-space: nowrap; }
tbody tr:hover { background: var(--hover); }
tfoot th, tfoot td { font-weight: 700; border-bottom: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
time span { white-space: nowrap; }
.money { white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.badge-ok { background: var(--ok-bg); color: var(--ok); }
.badge-warn { background: var(--warn-bg); color: var(--warn); }
.badge-bad { background: var(--bad-bg); color: var(--bad); }
.badge-neutral { background: var(--neutral-bg); color: var(--neutral); }
.empty { color: var(--muted); font-style: italic; padding: 1rem; margin: 0; }
.notice { background: var(--warn-bg); color: var(--warn); border-radius: 6px; padding: 0.5rem 0.75rem; }
.pager { display: flex; justify-content: flex-end; margin: 1rem 0; }
.plain { list-style: none; margin: 0; padding: 0; }

/* Charts */
.chart { margin: 0 0 1.5rem; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 1rem; }
.chart figcaption { font-weight: 600; margin-bottom: 0.5rem; }
/* On a phone the chart keeps a readable size and scrolls sideways inside its card. */
.chart { overflow-x: auto; }
.chart-svg { display: block; width: 100%; min-width: 36rem; height: auto; }
.gridline { stroke: var(--grid); stroke-width: 1; }
.axis { stroke: var(--muted); stroke-width: 1; }
.tick-label, .axis-label { fill: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.bar-share { fill: var(--share); }
.bar-fee { fill: var(--fee); }
.bar-hit { fill: transparent; }
.bar:hover .bar-hit { fill: var(--hover); }
.legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; list-style: none; padding: 0; margin: 0.5rem 0; font-size: 0.875rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 2px; margin-right: 0.4rem; vertical-align: -0.1rem; }
.swatch-share { background: var(--share); }
.swatch-fee { background: var(--fee); }
.chart-summary { color: var(--muted); font-size: 0.875rem; margin: 0.25rem 0 0.5rem; }
details > summary { cursor: pointer; color: var(--accent); }
details[open] > summary { margin-bottom: 0.5rem; }

/* Event trail */
.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid var(--border); }
.timeline > li { position: relative; margin: 0 0 1.25rem; }
.timeline > li::before {
  content: ""; position: absolute; left: -1.55rem; top: 0.45rem; width: 0.8rem; height: 0.8rem;
  border-radius: 50%; background: var(--accent); border: 2px solid var(--bg);
}
.timeline h3 { margin: 0 0 0.25rem; font-size: 1.05rem; }
pre { background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem; overflow-x: auto; margin: 0; }

/* Login */
.login { max-width: 32rem; margin: 3rem auto; }
.login .card p:last-child { margin-bottom: 0; }

@media (max-width: 40rem) {
  .viewer { margin-left: 0; }
  .kpi-value { font-size: 1.4rem; }
  th, td { padding: 0.4rem 0.5rem; }
}
@media (prefers-reduced-motion: no-preference) {
  .nav a, .switch a, button { transition: background-color 0.15s ease; }
}
@media print {
  .site-header form, .skip-link, .pager, .filters { display: none; }
}
`;

/** First 16 hex digits of the stylesheet's SHA-256: a new stylesheet gets a new URL. */
export const DASHBOARD_CSS_HASH = createHash('sha256').update(dashboardCss).digest('hex').slice(0, 16);

/** Where the pages link the stylesheet; serve it there with a long, immutable cache lifetime. */
export const DASHBOARD_CSS_PATH = `/dashboard/assets/dashboard.${DASHBOARD_CSS_HASH}.css`;
