import { PayGateError, type GlobalPosition } from '@paygate/domain';

/** Where a page of a dashboard list ends: the (updated position, id) of its last row. */
export type RowPageKey = { position: GlobalPosition; id: string };

export type RowPage<T> = { items: T[]; next: RowPageKey | undefined };

export const MAX_ROW_PAGE_SIZE = 100;
export const DEFAULT_ROW_PAGE_SIZE = 20;

/** The page size: default 20, an integer from 1 to 100 otherwise (validation error), as the payment list. */
export const checkedPageLimit = (limit: number | undefined): number => {
  const checked = limit ?? DEFAULT_ROW_PAGE_SIZE;
  if (!Number.isSafeInteger(checked) || checked < 1 || checked > MAX_ROW_PAGE_SIZE) {
    throw new PayGateError('validation', `limit must be an integer from 1 to ${MAX_ROW_PAGE_SIZE}`, { field: 'limit' });
  }
  return checked;
};
