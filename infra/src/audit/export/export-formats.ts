// The export's two formats, both written as they stream: CSV (one table, entries then totals then
// an end row) and JSON Lines (one object per line: entries, totals, then an end record).
import { stringify } from 'csv-stringify/sync';
import { formatDecimal, type GlobalPosition } from '@paygate/domain';
import type { LedgerEventProblem } from '@paygate/projections';
import { csvCell } from '@paygate/read-api';
import { positionText } from './export-range.ts';
import type { ExportTotal } from './export-totals.ts';
import type { LedgerEntry } from './ledger-entry.ts';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

/** How the range went: where it started and ended in the log, what it held, and whether its totals add up. */
export type ExportSummary = {
  from: string | null;
  to: string | null;
  /** The last event before the range (null: the range starts at the log's start). */
  after: GlobalPosition | null;
  /** The range's last event (null: the range holds none). Pass it as the next export's --from. */
  through: GlobalPosition | null;
  events: number;
  entries: number;
  totals: ExportTotal[];
  /** Events in the range the ledger could not count as they stand (as `paygate ledger check` names them). */
  problems: LedgerEventProblem[];
  reconciled: boolean;
  /** The whole ledger up to the range's end has no discrepancy of its own (identity, events), as `paygate ledger check` checks it. */
  balanced: boolean;
};

export type ExportFormat = {
  header(): string;
  entries(entries: readonly LedgerEntry[]): string;
  footer(summary: ExportSummary): string;
};

const decimal = (units: bigint, decimals: number) => formatDecimal({ units, scale: decimals });
const where = (position: GlobalPosition | null) => (position === null ? null : positionText(position));

export const CSV_COLUMNS = [
  'record',
  'entry_id',
  'recorded_at',
  'position',
  'stream_id',
  'event_id',
  'event_type',
  'movement',
  'owner_id',
  'channel_id',
  'currency',
  'account',
  'amount_units',
  'amount',
  'payment_ids',
  'invoice_id',
  'payment_event_id',
  'payout_id',
  'tx_hash',
  'payout_hash',
  'exchange_id',
  'delivered_amount',
  'delivered_currency',
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | null>>;

/** Cells a spreadsheet would run as a formula are neutralised as the read API's CSV exports do. */
const csvLines = (rows: readonly CsvRow[]): string => stringify(rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column]))));

const csvEntry = (entry: LedgerEntry): CsvRow => ({
  record: 'entry',
  entry_id: entry.entryId,
  recorded_at: entry.recordedAt.toISOString(),
  position: positionText(entry.position),
  stream_id: entry.streamId,
  event_id: entry.eventId,
  event_type: entry.eventType,
  movement: entry.movement,
  owner_id: entry.ownerId,
  channel_id: entry.channelId,
  currency: entry.currency,
  account: entry.account,
  amount_units: entry.amount.toString(),
  amount: decimal(entry.amount, entry.decimals),
  payment_ids: entry.paymentIds.join(' '),
  invoice_id: entry.invoiceId,
  payment_event_id: entry.paymentEventId,
  payout_id: entry.payoutId,
  tx_hash: entry.txHash,
  payout_hash: entry.payoutHash,
  exchange_id: entry.exchangeId,
  delivered_amount: entry.delivered && decimal(entry.delivered.amount, entry.delivered.decimals),
  delivered_currency: entry.delivered?.currency ?? null,
});

/** Totals as three rows per currency and account (opening, movement, closing); the end row says whether they add up, whether the ledger balances, and how many entries came before. */
const csvFooter = (summary: ExportSummary): string => {
  const rows: CsvRow[] = (['opening', 'movement', 'closing'] as const).flatMap((record) =>
    summary.totals.map((total) => ({
      record,
      position: where(record === 'opening' ? summary.after : record === 'closing' ? summary.through : null),
      currency: total.currency,
      account: total.account,
      amount_units: total[record].toString(),
      amount: decimal(total[record], total.decimals),
    })),
  );
  rows.push({
    record: 'end',
    position: where(summary.through),
    movement: summary.reconciled ? 'reconciled' : 'not reconciled',
    account: summary.balanced ? 'balanced' : 'not balanced',
    amount_units: String(summary.entries),
  });
  return csvLines(rows);
};

export const csvFormat: ExportFormat = {
  header: () => stringify([[...CSV_COLUMNS]]),
  entries: (entries) => (entries.length === 0 ? '' : csvLines(entries.map(csvEntry))),
  footer: csvFooter,
};

const amountJson = (units: bigint, decimals: number) => ({ units: units.toString(), amount: decimal(units, decimals) });

/** An entry as its JSON line: amounts as exact integer text (units) and as decimal text, positions as commit/prepare. */
export const entryJson = (entry: LedgerEntry) => ({
  record: 'entry' as const,
  ...entry,
  recordedAt: entry.recordedAt.toISOString(),
  position: positionText(entry.position),
  amount: amountJson(entry.amount, entry.decimals).amount,
  amountUnits: entry.amount.toString(),
  delivered: entry.delivered && { ...amountJson(entry.delivered.amount, entry.delivered.decimals), currency: entry.delivered.currency },
});

const jsonFooter = ({ totals, after, through, problems, ...summary }: ExportSummary): string =>
  [
    ...totals.map(({ currency, decimals, account, opening, movement, closing, reconciled }) => ({
      record: 'total',
      currency,
      account,
      opening: amountJson(opening, decimals),
      movement: amountJson(movement, decimals),
      closing: amountJson(closing, decimals),
      reconciled,
    })),
    { record: 'end', ...summary, after: where(after), through: where(through), problems },
  ]
    .map((line) => `${JSON.stringify(line)}\n`)
    .join('');

export const jsonLinesFormat: ExportFormat = {
  header: () => '',
  entries: (entries) => entries.map((entry) => `${JSON.stringify(entryJson(entry))}\n`).join(''),
  footer: jsonFooter,
};

export const exportFormat = (name: ExportFormatName): ExportFormat => (name === 'csv' ? csvFormat : jsonLinesFormat);
