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
  const app = new Hono().get('/x.csv', (c) =>
    streamCsv<string[]>(c, { filename: 'x.csv', header: ['one', '@two'], row: (cells) => cells, page: async (after) => pages[(after as string | undefined) ?? 'first'] ?? { rows: [], next: undefined } }),
  );

  it('streams every page after the header, quoting per RFC 4180 and neutralising formulas, header included', async () => {
    const response = await app.request('/x.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
    expect(await response.text()).toBe(`one,'@two\n"a,b","say ""hi"""\n"line\nbreak",'=cmd\nlast,\n`);
  });
});
