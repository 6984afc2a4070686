import { describe, expect, it } from 'vitest';
import { foldLedger } from '@paygate/projections';
import { createInMemoryEventStore } from '@paygate/testkit';
import { CSV_COLUMNS, csvFormat, jsonLinesFormat, type ExportFormat } from './export-formats.ts';
import { parseRangeBound, positionText, type ExportRange, type RangeBound } from './export-range.ts';
import { ledgerSums } from './export-totals.ts';
import { runLedgerExport } from './run-ledger-export.ts';
import { seedLedgerScenario } from './test-support/ledger-scenario.ts';
import { createMoneyFlow } from './test-support/money-flow.ts';
import { parseCsv } from './test-support/parse-csv.ts';

/** The scenario in memory, one second per event from 2026-01-01T00:00:00Z. */
const scenarioStore = async () => {
  let second = 0;
  const eventStore = createInMemoryEventStore({ clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)) });
  await seedLedgerScenario(createMoneyFlow(eventStore, () => '2026-01-01T00:00:00.000Z'));
  return { eventStore, events: await eventStore.readAll() };
};

const exported = async (eventStore: Awaited<ReturnType<typeof scenarioStore>>['eventStore'], format: ExportFormat, range: ExportRange = {}) => {
  const chunks: string[] = [];
  const summary = await runLedgerExport({ eventStore, range, format, write: (text) => void chunks.push(text), pageSize: 4 });
  return { summary, chunks, text: chunks.join('') };
};
const jsonLines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
const bound = (text: string) => parseRangeBound(text) as RangeBound;

describe('runLedgerExport', () => {
  it('the whole log: entries page by page, then totals whose closing figures are the ledger fold’s, summed per currency', async () => {
    const { eventStore, events } = await scenarioStore();
    const { summary, chunks, text } = await exported(eventStore, jsonLinesFormat);
    expect(chunks.length).toBeGreaterThan(5); // written as it read, not at the end
    const lines = jsonLines(text);
    const entries = lines.filter((line) => line.record === 'entry');
    expect(entries).toHaveLength(summary.entries);
    expect(summary).toMatchObject({ after: null, through: events.at(-1)!.position, events: events.length, reconciled: true, balanced: true, problems: [] });
    const fold = ledgerSums(foldLedger(events));
    for (const total of summary.totals) {
      expect(total.opening).toBe(0n);
      expect(total.closing).toBe(fold.get(JSON.stringify([total.currency, total.account]))!.amount);
    }
    expect(lines.filter((line) => line.record === 'total')).toContainEqual({
      record: 'total',
      currency: 'USDTTRC20',
      account: 'paidOut',
      opening: { units: '0', amount: '0.000000' },
      movement: { units: '6725000', amount: '6.725000' },
      closing: { units: '6725000', amount: '6.725000' },
      reconciled: true,
    });
    expect(lines.at(-1)).toMatchObject({ record: 'end', entries: summary.entries, reconciled: true, balanced: true, through: positionText(events.at(-1)!.position) });
  });

  it('a range by position and by date: only its events’ entries, and opening + entries = closing', async () => {
    const { eventStore, events } = await scenarioStore();
    const [first, last] = [events[9]!, events[30]!];
    const range = { from: bound(positionText(events[8]!.position)), to: bound(positionText(last.position)) };
    const byPosition = await exported(eventStore, jsonLinesFormat, range);
    const inRange = new Set(events.slice(9, 31).map((event) => event.id));
    const entries = jsonLines(byPosition.text).filter((line) => line.record === 'entry');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => inRange.has(entry.eventId as string))).toBe(true);
    expect(byPosition.summary).toMatchObject({ after: events[8]!.position, through: last.position, events: 22, reconciled: true });
    expect(byPosition.summary.totals.some((total) => total.opening !== 0n && total.movement !== 0n)).toBe(true);

    const byDate = await exported(eventStore, jsonLinesFormat, { from: bound(first.recordedAt.toISOString()), to: bound(events[31]!.recordedAt.toISOString()) });
    expect(byDate.text).toBe(byPosition.text.replace(/"from":"[^"]*","to":"[^"]*"/, `"from":"${first.recordedAt.toISOString()}","to":"${events[31]!.recordedAt.toISOString()}"`));
  });

  it('a range with no event: no entry, opening = closing', async () => {
    const { eventStore, events } = await scenarioStore();
    const { summary } = await exported(eventStore, csvFormat, { from: bound('2027-01-01') });
    expect(summary).toMatchObject({ entries: 0, events: 0, through: null, after: events.at(-1)!.position, reconciled: true });
    expect(summary.totals.every((total) => total.opening === total.closing && total.movement === 0n)).toBe(true);
  });

  it('a payout sent for 5 units more than the shares it carried: the pending total does not reconcile (by 5) and the ledger does not balance', async () => {
    const eventStore = createInMemoryEventStore();
    const flow = createMoneyFlow(eventStore);
    const share = await flow.pay('p1', 'ch-a', '1001', 1_000_000n, 250);
    await flow.payOut('ch-a-usdttrc20-1', 'ch-a', '1001', ['p1'], share + 5n, { kind: 'direct', hash: '0x'.padEnd(66, '1') });
    const { summary, text } = await exported(eventStore, jsonLinesFormat);
    expect(summary).toMatchObject({ reconciled: false, balanced: false });
    expect(summary.totals.filter((total) => !total.reconciled)).toEqual([
      { currency: 'USDTTRC20', decimals: 6, account: 'pending', opening: 0n, movement: -5n, closing: 0n, reconciled: false },
    ]);
    expect(jsonLines(text).at(-1)).toMatchObject({ record: 'end', reconciled: false, balanced: false });
  });

  it('CSV: one table (entries, opening, movement and closing rows, an end row); a cell a spreadsheet would run is neutralised', async () => {
    const eventStore = createInMemoryEventStore();
    const flow = createMoneyFlow(eventStore);
    await flow.pay('p1', '=HYPERLINK("x")', '1001', 1_000_000n, 250);
    const { text, summary } = await exported(eventStore, csvFormat);
    const rows = parseCsv(text);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((row) => row.record)).toEqual([...Array(3).fill('entry'), ...Array(6).fill('opening'), ...Array(6).fill('movement'), ...Array(6).fill('closing'), 'end']);
    expect(rows[0]).toMatchObject({ channel_id: `'=HYPERLINK("x")`, account: 'received', amount_units: '1000000', amount: '1.000000', payment_ids: 'p1', invoice_id: 'inv-p1' });
    expect(rows.find((row) => row.record === 'closing' && row.account === 'pending')).toMatchObject({ currency: 'USDTTRC20', amount_units: '975000', amount: '0.975000' });
    expect(rows.at(-1)).toMatchObject({ record: 'end', movement: 'reconciled', account: 'balanced', amount_units: String(summary.entries) });
  });
});
