// Revenue series for the dashboard, summed from the splits read model (no tables of its own).
export * from './revenue-series.ts';
