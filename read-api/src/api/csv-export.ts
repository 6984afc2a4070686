import type { Context } from 'hono';
import { stringify } from 'csv-stringify/sync';
import type { AnyKysely, ReadSnapshot } from '@paygate/projections';
import type { HttpLogger } from '@paygate/http';

// OWASP CSV injection: a spreadsheet runs a cell that starts with these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell as text; text a spreadsheet would take for a formula is quoted with a leading apostrophe. */
export const csvCell = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
};

export type CsvPage<Row> = { rows: readonly Row[]; next: unknown };

export type CsvExport<Row> = {
  filename: string;
  header: readonly string[];
  row: (item: Row) => readonly (string | number | boolean | null)[];
  /** Reads the page after `after` (undefined: the first) through `db`, the export's snapshot. */
  page: (db: AnyKysely, after: unknown) => Promise<CsvPage<Row>>;
};

/**
 * Streams a CSV (RFC 4180 via csv-stringify) page by page, so an export of every payment holds one
 * page in memory, not the whole table. Every page is read in one REPEATABLE READ snapshot, so a
 * row that changes meanwhile is neither skipped nor repeated. The first page is read before the
 * response starts, so a database that is down answers a problem; a failure later aborts the
 * response (the client sees a broken transfer, never a file that looks complete) and is logged.
 */
export const streamCsv = async <Row>(
  c: Context,
  { openSnapshot, logger }: { openSnapshot: () => Promise<ReadSnapshot>; logger: HttpLogger },
  { filename, header, row, page }: CsvExport<Row>,
): Promise<Response> => {
  const encoder = new TextEncoder();
  const lines = (rows: readonly Row[]) => encoder.encode(stringify(rows.map((item) => row(item).map(csvCell))));
  const snapshot = await openSnapshot();
  let current: CsvPage<Row> | undefined;
  try {
    current = await page(snapshot.db, undefined);
  } catch (error) {
    await snapshot.close();
    throw error;
  }
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(stringify([header.map(csvCell)]))),
    pull: async (controller) => {
      try {
        if (current === undefined) return controller.close();
        const { rows, next } = current;
        current = undefined;
        if (rows.length > 0) controller.enqueue(lines(rows));
        if (next === undefined) {
          await snapshot.close();
          return controller.close();
        }
        current = await page(snapshot.db, next);
      } catch (error) {
        logger.error({ err: error, export: filename }, 'CSV export failed midway; the download was aborted');
        await snapshot.close().catch(() => undefined);
        throw error;
      }
    },
    // The client went away: end the snapshot's transaction and give its connection back.
    cancel: () => snapshot.close(),
  });
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
};
