import type pg from 'pg';
import type { GlobalPosition } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, readModelProjections, runReplay, type LogHead, type ReplayRunResult, type TableDiff } from '@paygate/projections';
import { EXIT_FAILURE, EXIT_OK, type Command, type OptionValues } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { optionalOption } from '../options.ts';
import { writeJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'replay';
/** Beside the live schema; dropped and recreated by every replay. */
export const REPLAY_SCHEMA = `${DEFAULT_READ_MODEL_SCHEMA}_replay`;

const at = (position: GlobalPosition | undefined) => (position ? `${position.commit}/${position.prepare}` : 'start');

const chosenProjections = (values: OptionValues) => {
  const names = ((values.projection as string[] | undefined) ?? []).map((name) => name.trim());
  const known = readModelProjections.map((projection) => projection.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown projection "${unknown[0]}"; read models: ${known.join(', ')}`, NAME);
  return names.length === 0 ? readModelProjections : readModelProjections.filter((projection) => names.includes(projection.name));
};

const waitSeconds = (values: OptionValues) => {
  const text = optionalOption(values, 'wait') ?? '60';
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > 3_600) throw new UsageError(`--wait must be a whole number of seconds from 0 to 3600, not "${text}"`, NAME);
  return seconds;
};

/** The PostgreSQL log's last position and length in one snapshot; other stores run to the end as found. */
const postgresHead = async (pool: pg.Pool): Promise<LogHead> => {
  const { rows } = await pool.query<{ commit: string; prepare: string; n: string }>(
    `SELECT e.commit_position::text AS commit, e.position::text AS prepare, (SELECT count(*) FROM paygate_events)::text AS n
       FROM paygate_events e ORDER BY e.commit_position DESC, e.position DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }, events: Number(row.n) } : { position: undefined, events: 0 };
};

const diffLines = (diff: TableDiff): string[] => {
  const name = `${diff.projection}.${diff.table}`;
  if (diff.columns) return [`DIFFERENCE ${name}: columns differ (live: ${diff.columns.live.join(', ')}; replay: ${diff.columns.replay.join(', ')})`];
  return [
    `DIFFERENCE ${name}: ${diff.onlyLive} rows only in live, ${diff.onlyReplay} rows only in replay`,
    ...diff.samples.live.map((row) => `  live only:   ${row}`),
    ...diff.samples.replay.map((row) => `  replay only: ${row}`),
  ];
};

const reportText = (result: ReplayRunResult): string[] => {
  const lines = [`replayed ${result.events} events to ${at(result.position)} in ${(result.elapsedMs / 1000).toFixed(1)}s`];
  const verify = result.verify;
  if (verify && !verify.compared) {
    lines.push(...verify.behind.map((b) => `NOT COMPARED ${b.projection}: ${b.reason} (live at ${at(b.live)}, needs ${at(b.needs)})`));
  }
  if (verify?.compared) {
    lines.push(...verify.differences.flatMap(diffLines));
    lines.push(verify.differences.length === 0 ? `read models equal at ${at(verify.replayPosition)}` : `read models differ: ${verify.differences.length} tables`);
  }
  if (result.keptSchema) lines.push(`the replay is in schema ${result.keptSchema} (live read models in ${DEFAULT_READ_MODEL_SCHEMA}, untouched); drop it with DROP SCHEMA ${result.keptSchema} CASCADE`);
  return lines;
};

export const replayCommand: Command = {
  name: NAME,
  summary: 'Rebuild every read model from event 0 into a shadow schema; with --verify compare it row for row with the live one',
  description: [
    `Replays $all from event 0 up to the log's head at the start into schema ${REPLAY_SCHEMA}, all read models from one read, with a`,
    'progress line on stderr (events/s, ETA). The live read models are never written. Without --verify the shadow schema is left for',
    'inspection. With --verify the live models are compared at one position: a live projector ahead of the head is followed (the',
    'replay applies the events appended meanwhile); one behind is waited for (--wait seconds), then reported as not compared.',
    'Exit 0 when equal (the shadow is dropped unless --keep), 1 on any difference or when no comparison was possible, 2 on usage errors.',
  ].join('\n'),
  options: {
    verify: { type: 'boolean', description: 'Compare with the live read models and print the differences' },
    projection: { type: 'string', multiple: true, valueName: 'name', description: `Only this read model (repeatable): ${readModelProjections.map((p) => p.name).join(', ')}` },
    keep: { type: 'boolean', description: 'Keep the shadow schema after a clean --verify' },
    wait: { type: 'string', valueName: 'seconds', description: 'How long --verify waits for a live projector that is behind (default 60)' },
  },
  json: true,
  examples: ['paygate replay --verify', 'paygate replay --projection payments --projection splits', 'paygate replay --verify --json'],
  async run(context) {
    const projections = chosenProjections(context.values);
    const waitMs = waitSeconds(context.values) * 1000;
    const verify = context.values.verify === true;
    const result = await withCommandPlatform(context.io.env, async ({ platform, paygate }) =>
      runReplay({
        db: paygate.readModels,
        eventStore: platform.eventStore,
        projections,
        liveSchema: DEFAULT_READ_MODEL_SCHEMA,
        shadowSchema: REPLAY_SCHEMA,
        ...(platform.config.eventStoreUrl === undefined ? { head: await postgresHead(platform.pool) } : {}),
        verify,
        keep: context.values.keep === true,
        waitMs,
        progress: (line) => context.io.stderr(`${line}\n`),
      }),
    );
    if (context.json) writeJson(context, result);
    else context.io.stdout(`${reportText(result).join('\n')}\n`);
    const ok = !verify || (result.verify?.compared === true && result.verify.differences.length === 0);
    return ok ? EXIT_OK : EXIT_FAILURE;
  },
};
