import type { ReconcileAfter } from './reconcile-ports.ts';

type Window = { since: Date; until: Date; limit: number };

/**
 * Rotation over a list the source returns in a fixed order, `limit` at a time: each run goes on
 * after the last row the previous run asked about, and wraps to the start when it reaches the
 * end (filling the page from there). Without it, `limit` rows that never move (a payment
 * partially_paid for good, a notice always refused) would be all any run asks about, and newer
 * lost IPNs would wait out the whole window. Kept in memory: a restart starts from the oldest.
 */
export const createReconcileCursor = <Row>(keyOf: (row: Row) => ReconcileAfter) => {
  let after: ReconcileAfter | undefined;
  return async (window: Window, fetch: (query: Window & { after?: ReconcileAfter }) => Promise<Row[]>): Promise<Row[]> => {
    const from = after;
    const first = await fetch(from === undefined ? window : { ...window, after: from });
    let rows = first;
    if (from !== undefined && first.length < window.limit) {
      const seen = new Set(first.map((row) => keyOf(row).id));
      const wrapped = await fetch({ ...window, limit: window.limit - first.length });
      rows = [...first, ...wrapped.filter((row) => !seen.has(keyOf(row).id))];
    }
    // A short page saw everything: the next run starts from the oldest again.
    after = rows.length < window.limit ? undefined : keyOf(rows.at(-1)!);
    return rows;
  };
};
