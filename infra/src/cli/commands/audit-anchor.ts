import { anchorJson, anchorText, currentAnchor } from '../../audit/chain/index.ts';
import { loadConfig } from '../../config/index.ts';
import { EXIT_FAILURE, EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { writeJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'audit anchor';

export const auditAnchorCommand: Command = {
  name: NAME,
  summary: "Print the event log's chain head now: its position and chain hash, to keep somewhere PayGate cannot write",
  description: [
    'Reads the last event and the log head in one snapshot (it does not verify the log: `paygate audit verify` does).',
    'The --json form is one line, the format `paygate audit verify --anchors <file>` reads back, so',
    '`paygate audit anchor --json >> anchors.jsonl` keeps a history. Exit 1 when the log head and the last event disagree.',
  ].join('\n'),
  json: true,
  examples: ['paygate audit anchor', 'paygate audit anchor --json >> anchors.jsonl'],
  async run(context) {
    if (loadConfig(context.io.env).eventStoreUrl !== undefined)
      throw new UsageError('EVENTSTORE_URL is set: the events are in KurrentDB, which keeps no hash chain (docs/audit.md)', NAME);
    const { anchor, headMatches } = await withCommandPlatform(context.io.env, ({ platform }) => currentAnchor(platform.pool));
    if (!headMatches) {
      context.io.stderr('error: the log head and the last event disagree: run `paygate audit verify`\n');
      return EXIT_FAILURE;
    }
    if (anchor === null) {
      // Nothing on stdout with --json: `>> anchors.jsonl` must not gain a line that is no anchor.
      (context.json ? context.io.stderr : context.io.stdout)('the log is empty: nothing to anchor yet\n');
      return EXIT_OK;
    }
    if (context.json) writeJson(context, anchorJson(anchor));
    else context.io.stdout(`${anchorText(anchor)}\n`);
    return EXIT_OK;
  },
};
