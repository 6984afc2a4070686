// What the read models share: schema naming, column helpers, owner scoping, paging, and the list of all of them.
export * from './sql-names.ts';
export * from './table-exists.ts';
export * from './columns.ts';
export * from './owner-scope.ts';
export * from './row-page.ts';
export * from './read-model-projections.ts';
export * from './read-snapshot.ts';
