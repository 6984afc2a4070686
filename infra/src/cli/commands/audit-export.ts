import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { formatDecimal } from '@paygate/domain';
import {
  EXPORT_FORMATS,
  exportFormat,
  parseRangeBound,
  positionText,
  RANGE_BOUND_FORMS,
  rangeProblem,
  runLedgerExport,
  type ExportFormatName,
  type ExportRange,
  type ExportSummary,
  type RangeBound,
} from '../../audit/export/index.ts';
import { EXIT_FAILURE, EXIT_OK, type Command, type OptionValues } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption } from '../options.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'audit export';

const boundOption = (values: OptionValues, name: 'from' | 'to'): RangeBound | undefined => {
  const text = optionalOption(values, name);
  if (text === undefined) return undefined;
  const bound = parseRangeBound(text);
  if (typeof bound === 'string') throw new UsageError(`--${name} ${bound} (got ${JSON.stringify(text.slice(0, 40))})`, NAME);
  return bound;
};

/** Everything the command line says, checked before anything is opened or written. */
const checkedOptions = async (values: OptionValues): Promise<{ range: ExportRange; format: ExportFormatName; out: string | undefined }> => {
  const format = optionalOption(values, 'format') ?? 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got ${JSON.stringify(format.slice(0, 40))})`, NAME);
  const from = boundOption(values, 'from');
  const to = boundOption(values, 'to');
  const range: ExportRange = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const problem = rangeProblem(range);
  if (problem) throw new UsageError(problem, NAME);
  const out = optionalOption(values, 'out');
  if (out !== undefined) {
    const folder = await stat(path.dirname(path.resolve(out))).catch(() => undefined);
    if (!folder?.isDirectory()) throw new UsageError(`--out: the folder ${path.dirname(out)} does not exist`, NAME);
    if ((await stat(out).catch(() => undefined))?.isDirectory()) throw new UsageError(`--out must name a file, not the folder ${out}`, NAME);
  }
  return { range, format: format as ExportFormatName, out };
};

/**
 * Writes to a partial file beside `out`, renamed over it only once complete: a failure midway
 * leaves no file that looks like a whole export. Each chunk waits for the stream to drain.
 */
const toFile = async (out: string, work: (write: (text: string) => Promise<void>) => Promise<ExportSummary>): Promise<ExportSummary> => {
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
  const stream = createWriteStream(partial, { flags: 'wx', mode: 0o640 });
  await once(stream, 'open');
  try {
    const summary = await work(async (text) => {
      if (text !== '' && !stream.write(text)) await once(stream, 'drain');
    });
    stream.end();
    await once(stream, 'finish');
    await rename(partial, out);
    return summary;
  } catch (error) {
    stream.destroy();
    await unlink(partial).catch(() => undefined);
    throw error;
  }
};

const whatIsWrong = (summary: ExportSummary): string[] => [
  ...summary.totals
    .filter((total) => !total.reconciled)
    .map(({ currency, account, decimals, opening, movement, closing }) => {
      const text = (units: bigint) => formatDecimal({ units, scale: decimals });
      return `${currency} ${account}: opening ${text(opening)} + entries ${text(movement)} is not the ledger's ${text(closing)}`;
    }),
  ...summary.problems.slice(0, 5).map((problem) => `event ${problem.eventId} (${problem.type}, stream ${problem.streamId}): ${problem.reason}`),
  ...(summary.balanced ? [] : ['the ledger does not balance (run `paygate ledger check`)']),
];

export const auditExportCommand: Command = {
  name: NAME,
  summary: 'Export the ledger: every money movement (payment, fee, owner share, refund, conversion, payout) with its event and on-chain hashes, and totals that reconcile to `paygate ledger check`',
  description: [
    'Folds the event log from event 0 (the source of truth, not the read models) with the same ledger fold as `paygate ledger check`,',
    'and writes one entry per movement of money in the range: time, $all position, stream and event, owner, channel, currency, account',
    '(received, fees, pending, paidOut, convertedIn, convertedOut), signed amount in minor units and as decimal text, payments, invoice,',
    'payout, transaction hash, payout hash and ChangeNOW exchange. Then per currency and account: the ledger at the range\'s start,',
    'the sum of its entries, and the ledger at its end (the check\'s figures when the range ends at the head); they must add up.',
    `--from and --to take ${RANGE_BOUND_FORMS};`,
    '--from starts at a date or after a position, --to stops before a date or after a position, so consecutive exports chain.',
    '--format csv (default) or json (JSON Lines: entries, totals, then an end record). Streams as it reads.',
    'Exit 0 when the totals reconcile and the ledger balances; 1 naming what does not (the export is still complete); 2 for a bad option.',
  ].join('\n'),
  options: {
    from: { type: 'string', valueName: 'date|position', description: 'Start at this date or moment, or after this log position' },
    to: { type: 'string', valueName: 'date|position', description: 'Stop before this date or moment, or after this log position' },
    format: { type: 'string', valueName: 'csv|json', description: 'csv (default) or json (JSON Lines)' },
    out: { type: 'string', valueName: 'file', description: 'Write here (replaced only once complete) instead of stdout' },
  },
  examples: [
    'paygate audit export --from 2026-01-01 --to 2026-02-01 --out ledger-2026-01.csv',
    'paygate audit export --from 2026-02-01 --format json | jq -c \'select(.record == "total")\'',
    'paygate audit export --from 41233/41233 --to 52001/52001 --format json --out ledger.jsonl',
  ],
  async run(context) {
    const { range, format, out } = await checkedOptions(context.values);
    const summary = await withCommandPlatform(context.io.env, async ({ platform }) => {
      const run = (write: (text: string) => void | Promise<void>) => runLedgerExport({ eventStore: platform.eventStore, range, format: exportFormat(format), write });
      const toStdout = async (text: string) => {
        context.io.stdout(text);
        await context.io.stdoutDrained?.();
      };
      return out === undefined ? run(toStdout) : toFile(out, run);
    });
    const wrong = whatIsWrong(summary);
    if (out !== undefined) {
      const through = summary.through ? `through ${positionText(summary.through)}` : 'no event in the range';
      context.io.stdout(`wrote ${summary.entries} ledger entries from ${summary.events} events (${through}) to ${out}${wrong.length === 0 ? '; totals reconcile with the ledger' : ''}\n`);
    }
    if (wrong.length === 0) return EXIT_OK;
    context.io.stderr(`error: ${wrong.join('; ')}\n`);
    return EXIT_FAILURE;
  },
};
