export { applyRowBatch, applyRowGroup, rowProjection, type RowProjection, type RowWork } from './row-projection.ts';
export type { Row, RowSet, TableKey } from './row-set.ts';
export { rowHasSeen } from './row-position.ts';
export { foldRows } from './fold-rows.ts';
