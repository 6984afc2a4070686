import { readFile, writeFile } from 'node:fs/promises';
import { isPayGateError } from '@paygate/domain';
import { anchorJson, anchorLine, anchorText, DEFAULT_ANCHOR_EVERY, parseAnchors, positionText, verifyLog, type Anchor, type ChainReport } from '../../audit/chain/index.ts';
import { loadConfig } from '../../config/index.ts';
import { EXIT_FAILURE, EXIT_OK, type Command, type CommandContext, type OptionValues } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption } from '../options.ts';
import { writeJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'audit verify';
const PROGRESS_EVERY_MS = 2_000;

const anchorEveryOf = (values: OptionValues): number => {
  const text = optionalOption(values, 'anchor-every');
  if (text === undefined) return DEFAULT_ANCHOR_EVERY;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--anchor-every must be a whole number of events, 0 for none (got ${JSON.stringify(text)})`, NAME);
  return Number(text);
};

/** The anchors to check, read and parsed before anything is opened: a bad file changes nothing. */
const anchorsOf = async (values: OptionValues): Promise<Anchor[]> => {
  const path = optionalOption(values, 'anchors');
  if (path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--anchors: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, NAME);
  }
  try {
    return parseAnchors(text);
  } catch (error) {
    if (isPayGateError(error)) throw new UsageError(`--anchors ${path}: ${error.message}`, NAME);
    throw error;
  }
};

/** Events/s on stderr now and then, for logs that take a while. */
const progressReporter = (context: CommandContext) => {
  const started = Date.now();
  let shown = started;
  return (events: number) => {
    const now = Date.now();
    if (now - shown < PROGRESS_EVERY_MS) return;
    shown = now;
    context.io.stderr(`verified ${events.toLocaleString('en-US')} events (${Math.round((events * 1000) / (now - started)).toLocaleString('en-US')}/s)\n`);
  };
};

const reportJson = (report: ChainReport) => ({
  intact: report.intact,
  events: report.events,
  streams: report.streams,
  head: report.head && anchorJson(report.head),
  anchors: report.anchors.map(anchorJson),
  anchorsChecked: report.anchorsChecked,
  problems: report.problems,
  moreProblems: report.moreProblems,
});

const summary = (report: ChainReport): string[] => {
  const checked = report.anchorsChecked > 0 ? `; ${report.anchorsChecked} anchor${report.anchorsChecked === 1 ? '' : 's'} checked` : '';
  if (report.intact)
    return [
      `verified ${report.events} events in ${report.streams} streams: the chain is intact${checked}`,
      report.head ? `head ${anchorText(report.head)}` : 'the log is empty',
    ];
  return [
    ...report.problems.map((problem) => `TAMPERED ${problem.message}`),
    ...(report.moreProblems > 0 ? [`… and ${report.moreProblems} more problems`] : []),
    `verified ${report.events} events in ${report.streams} streams: the log has been tampered with (${report.problems.length + report.moreProblems} problems)${checked}`,
  ];
};

export const auditVerifyCommand: Command = {
  name: NAME,
  summary: "Recompute the event log's hash chain and name the first altered, removed or inserted event",
  description: [
    'Reads the whole PostgreSQL log in $all order (one read-only snapshot; appends go on meanwhile) and recomputes every',
    "event's stream hash and global chain hash, then checks the log head and every stream's row. Prints an anchor (the",
    'chain hash at a position) every --anchor-every events and at the head: keep them somewhere PayGate cannot write, and',
    'give them back with --anchors, so a rewrite that recomputed every hash is still caught. Progress goes to stderr.',
    'Exit 0 when the chain is intact, 1 naming each problem (the first is the first change in the log), 2 on bad options.',
    'Not for KurrentDB (EVENTSTORE_URL): there the log keeps no chain. See docs/audit.md.',
  ].join('\n'),
  options: {
    anchors: { type: 'string', valueName: 'file', description: 'Anchors taken earlier (JSON lines) the log must still match' },
    'anchors-out': { type: 'string', valueName: 'file', description: 'Write the anchors and the head of this run to this file (JSON lines), if the chain is intact' },
    'anchor-every': { type: 'string', valueName: 'n', description: `Print an anchor every n events (default ${DEFAULT_ANCHOR_EVERY.toLocaleString('en-US')}; 0: only the head)` },
  },
  json: true,
  examples: ['paygate audit verify', 'paygate audit verify --anchors-out anchors-2026-12.jsonl', 'paygate audit verify --anchors anchors-2026-11.jsonl --json'],
  async run(context) {
    const anchorEvery = anchorEveryOf(context.values);
    const anchors = await anchorsOf(context.values);
    const out = optionalOption(context.values, 'anchors-out');
    if (loadConfig(context.io.env).eventStoreUrl !== undefined)
      throw new UsageError('EVENTSTORE_URL is set: the events are in KurrentDB, which keeps no hash chain; audit verify checks the PostgreSQL event store (docs/audit.md)', NAME);

    const report = await withCommandPlatform(context.io.env, ({ platform }) =>
      verifyLog(platform.pool, {
        anchors,
        anchorEvery,
        onProgress: progressReporter(context),
        ...(context.json ? {} : { onAnchor: (anchor: Anchor) => context.io.stdout(`${anchorText(anchor)}\n`) }),
      }),
    );
    if (context.json) writeJson(context, reportJson(report));
    else context.io.stdout(`${summary(report).join('\n')}\n`);

    if (!report.intact) {
      const first = report.problems[0];
      context.io.stderr(`error: the log has been tampered with: ${first?.message ?? 'see above'}${out ? `; ${out} not written` : ''}\n`);
      return EXIT_FAILURE;
    }
    if (out !== undefined) {
      const lines = [...report.anchors, ...(report.head && report.anchors.at(-1)?.events !== report.head.events ? [report.head] : [])].map(anchorLine);
      await writeFile(out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
      if (!context.json) context.io.stdout(`wrote ${lines.length} anchors to ${out}${report.head ? ` (last: position ${positionText(report.head.position)})` : ''}\n`);
    }
    return EXIT_OK;
  },
};
