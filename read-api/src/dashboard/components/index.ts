// Pieces the pages share: the layout, tables, badges, pagination.
export * from './layout.ts';
export * from './data-table.ts';
export * from './status-badge.ts';
export * from './pager.ts';
export * from './payments-table.ts';
export * from './subscriber-tables.ts';
