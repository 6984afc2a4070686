import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@paygate/domain';

export type PageReadOptions = {
  eventStore: EventStore;
  /** Start strictly after this position (undefined: event 0). */
  after: GlobalPosition | undefined;
  /** Stop at this position, inclusive (undefined: wherever `$all` ends when the reader gets there). */
  until: GlobalPosition | undefined;
  pageSize: number;
  /** Handles one page; the next page is already being read meanwhile. */
  onPage(page: readonly RecordedEvent[]): Promise<void>;
};

/**
 * Reads `$all` in large pages, one page ahead of the writer, so reading and writing overlap,
 * and stops at `until` (events appended later are left for the next call). Returns the position
 * of the last event handed out, or `after` when there was none.
 */
export const readPages = async ({ eventStore, after, until, pageSize, onPage }: PageReadOptions): Promise<GlobalPosition | undefined> => {
  if (until && after && comparePositions(after, until) >= 0) return after;
  const read = (from: GlobalPosition | undefined) => eventStore.readAll({ ...(from ? { after: from } : {}), maxCount: pageSize });
  let position = after;
  let nextPage = read(after);
  for (;;) {
    const fetched = await nextPage;
    const page = until ? fetched.filter((event) => comparePositions(event.position, until) <= 0) : fetched;
    const done = page.length < pageSize;
    if (page.length === 0) return position;
    position = page.at(-1)!.position;
    if (!done) {
      nextPage = read(position);
      // A failed write must not leave the read-ahead as an unhandled rejection.
      nextPage.catch(() => undefined);
    }
    await onPage(page);
    if (done) return position;
  }
};
