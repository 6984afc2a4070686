import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { csvCell, streamCsv } from './csv-export.ts';

describe('csvCell (OWASP CSV injection)', () => {
  it.each(['=1+2', '=HYPERLINK("http://evil.example","x")', '+1+2', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '-', '+'])('neutralises %j with a leading apostrophe', (text) => {
    expect(csvCell(text)).toBe(`'${text}`);
  });

  it.each(['-1', '-12.50', '0', '49.212900', 'alpha-pay', 'a=b', ' =1', ''])('keeps %j as it is (numbers, even negative, and text that does not start a formula)', (text) => {
    expect(csvCell(text)).toBe(text);
  });

  it('writes null and undefined as an empty cell, numbers and booleans as text', () => {
    expect([csvCell(null), csvCell(undefined), csvCell(-3), csvCell(true)]).toEqual(['', '', '-3', 'true']);
  });
});

describe('streamCsv', () => {
  const pages: Record<string, { rows: string[][]; next: string | undefined }> = {
    first: { rows: [['a,b', 'say "hi"'], ['line\nbreak', '=cmd']], next: 'second' },
    second: { rows: [], next: 'third' },
    third: { rows: [['last', null as unknown as string]], next: undefined },
  };
  let closed = 0;
  const logged: unknown[] = [];
  const logger = { error: (fields: unknown) => logged.push(fields), warn: () => undefined, info: () => undefined, debug: () => undefined } as never;
  // The snapshot's database is never touched by these pages; what matters is that it is closed.
  const openSnapshot = async () => ({ db: {} as never, close: async () => void closed++ });
  const app = new Hono()
    .get('/x.csv', (c) =>
      streamCsv<string[]>(c, { openSnapshot, logger }, { filename: 'x.csv', header: ['one', '@two'], row: (cells) => cells, page: async (_db, after) => pages[(after as string | undefined) ?? 'first'] ?? { rows: [], next: undefined } }),
    )
    .get('/broken.csv', (c) =>
      streamCsv<string[]>(c, { openSnapshot, logger }, {
        filename: 'broken.csv',
        header: ['one'],
        row: (cells) => cells,
        page: async (_db, after) => {
          if (after === undefined) return { rows: [['a']], next: 'more' };
          throw new Error('database went away');
        },
      }),
    );

  it('streams every page after the header, quoting per RFC 4180 and neutralising formulas, header included', async () => {
    const response = await app.request('/x.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
    expect(await response.text()).toBe(`one,'@two\n"a,b","say ""hi"""\n"line\nbreak",'=cmd\nlast,\n`);
    expect(closed).toBe(1);
  });

  it('aborts the download when a later page fails (never a file that looks complete), closes the snapshot and logs it', async () => {
    closed = 0;
    const response = await app.request('/broken.csv');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(closed).toBe(1);
    expect(logged).toHaveLength(1);
  });
});
