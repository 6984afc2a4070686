import type { EventStore, GlobalPosition } from '@paygate/domain';
import { checkLedger, createLedgerFold, type Ledger } from '@paygate/projections';
import type { ExportFormat, ExportSummary } from './export-formats.ts';
import { boundText, endsRange, startsRange, type ExportRange } from './export-range.ts';
import { createMovementSums, ledgerSums, reconcileTotals } from './export-totals.ts';
import { createLedgerEntryMapper } from './ledger-entries.ts';
import type { LedgerEntry } from './ledger-entry.ts';

const PAGE = 5_000;

export type LedgerExportOptions = {
  eventStore: EventStore;
  range: ExportRange;
  format: ExportFormat;
  /** Takes each chunk of the export in order; a returned promise holds the next page back until it settles (backpressure). */
  write: (text: string) => void | Promise<void>;
  pageSize?: number;
};

/**
 * Reads `$all` from event 0 page by page: the ledger fold of `paygate ledger check` and the entry
 * mapper see every event (the range's opening figures and a payout's links need what came
 * before), and the range's entries are written a page at a time, so memory holds one page of
 * entries and the fold's state, never the export. The totals are the fold's figures at the range's
 * start and end, with the entries' sum between them: an auditor sees them add up to the unit.
 */
export const runLedgerExport = async ({ eventStore, range, format, write, pageSize = PAGE }: LedgerExportOptions): Promise<ExportSummary> => {
  const fold = createLedgerFold();
  const mapper = createLedgerEntryMapper();
  const movement = createMovementSums();
  let opening: Ledger | undefined;
  let after: GlobalPosition | null = null;
  let through: GlobalPosition | null = null;
  let read: GlobalPosition | undefined;
  let events = 0;
  let entries = 0;
  let ended = false;
  await write(format.header());
  while (!ended) {
    const page = await eventStore.readAll({ ...(read ? { after: read } : {}), maxCount: pageSize });
    const batch: LedgerEntry[] = [];
    for (const event of page) {
      if (endsRange(event, range.to)) {
        ended = true;
        break;
      }
      if (!opening && startsRange(event, range.from)) opening = fold.ledger();
      fold.add(event);
      const made = mapper.entriesOf(event);
      if (opening) {
        events += 1;
        through = event.position;
        for (const entry of made) movement.add(entry);
        batch.push(...made);
      } else after = event.position;
    }
    entries += batch.length;
    if (batch.length > 0) await write(format.entries(batch));
    read = page.at(-1)?.position ?? read;
    if (page.length < pageSize) ended = true;
  }
  const closing = fold.ledger();
  const start = opening ?? closing;
  const totals = reconcileTotals(ledgerSums(start), movement.sums(), ledgerSums(closing));
  const summary: ExportSummary = {
    from: boundText(range.from),
    to: boundText(range.to),
    after,
    through,
    events,
    entries,
    totals,
    problems: closing.problems.slice(start.problems.length),
    reconciled: totals.every((total) => total.reconciled),
    balanced: checkLedger(closing).length === 0,
  };
  await write(format.footer(summary));
  return summary;
};
