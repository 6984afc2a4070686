// What the read models share: schema naming, column helpers, and the list of all of them.
export * from './sql-names.ts';
export * from './table-exists.ts';
export * from './columns.ts';
export * from './read-model-projections.ts';
