// Server-rendered charts: inline SVG with exact labels and a table of the same figures.
export * from './revenue-chart.ts';
export * from './revenue-buckets.ts';
export * from './chart-scale.ts';
