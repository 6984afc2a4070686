import * as v from 'valibot';
import { runPayoutCommand } from '@paygate/commands';
import { IdSchema } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { loginName } from '../operator-name.ts';
import { optionalOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'payouts retry';

export const payoutsRetryCommand: Command = {
  name: NAME,
  summary: 'Resume a held or failed payout where it stopped',
  description: [
    'Records PayoutResumed; the workers take the payout on from its last recorded step: a held quote is asked for',
    'again, a payout short of funds checks the host wallet again, a signed transfer is sent again as stored.',
    'A payout whose money already moved on chain and then failed (a refunded swap), or whose transfer reverted,',
    'is refused: settle it by hand.',
  ].join('\n'),
  positionals: [{ name: 'payoutId', required: true, description: 'Payout id, as `paygate payouts list` shows it' }],
  options: { by: { type: 'string', valueName: 'operator', description: 'Who resumes it, without spaces; recorded on the event (default: your login name)' } },
  json: true,
  examples: ['paygate payouts retry ch_1a2b-usdterc20-3'],
  async run(context) {
    const payoutId = context.positionals[0]!;
    if (!v.is(IdSchema, payoutId)) throw new UsageError('<payoutId> must be 1-128 printable characters without spaces', NAME);
    const by = optionalOption(context.values, 'by') ?? loginName();
    if (by === undefined || !v.is(IdSchema, by)) throw new UsageError('--by must be an operator id without spaces (no login name to default to)', NAME);
    await withCommandPlatform(context.io.env, async ({ platform }) => {
      const { events } = await runPayoutCommand(platform.eventStore, payoutId, { type: 'ResumePayout', data: { by, resumedAt: platform.clock().toISOString() } });
      const resumed = events.length > 0;
      writeResult(context, resumed ? `payout ${payoutId} resumed by ${by}` : `payout ${payoutId} is running already`, { payoutId, resumed, by });
    });
    return EXIT_OK;
  },
};
