import type { Context } from 'hono';
import { stringify } from 'csv-stringify/sync';

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

/**
 * Streams a CSV (RFC 4180 via csv-stringify) page by page, so an export of every payment holds one
 * page in memory, not the whole table. The first page is read before the response starts, so a
 * database that is down answers a problem; a failure later aborts the response (the client sees
 * a broken transfer, never a file that looks complete).
 */
export const streamCsv = async <Row>(
  c: Context,
  { filename, header, row, page }: { filename: string; header: readonly string[]; row: (item: Row) => readonly (string | number | boolean | null)[]; page: (after: unknown) => Promise<CsvPage<Row>> },
): Promise<Response> => {
  const encoder = new TextEncoder();
  const lines = (rows: readonly Row[]) => encoder.encode(stringify(rows.map((item) => row(item).map(csvCell))));
  let current: CsvPage<Row> | undefined = await page(undefined);
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(stringify([header.map(csvCell)]))),
    pull: async (controller) => {
      if (current === undefined) return controller.close();
      const { rows, next } = current;
      current = undefined;
      if (rows.length > 0) controller.enqueue(lines(rows));
      if (next === undefined) return controller.close();
      current = await page(next);
    },
  });
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
};
