import * as v from 'valibot';
import { TelegramUserIdSchema } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'dashboard logout';

export const dashboardLogoutCommand: Command = {
  name: NAME,
  summary: "End every dashboard session of a Telegram user (after a lost phone or a leaked token)",
  description: 'Records SessionRevoked (logout_everywhere) for each open session; their access tokens stop working within seconds.',
  options: { owner: { type: 'string', valueName: 'id', description: 'Telegram user id whose sessions end' } },
  json: true,
  examples: ['paygate dashboard logout --owner 5000000001'],
  async run(context) {
    const owner = requiredOption(context.values, 'owner', NAME);
    if (!v.is(TelegramUserIdSchema, owner)) throw new UsageError('--owner must be a Telegram user id, a positive whole number like 5000000001', NAME);
    const { revoked } = await withCommandPlatform(context.io.env, ({ paygate }) => paygate.dashboard.sessions.logoutEverywhere(owner));
    writeResult(context, `${revoked} session${revoked === 1 ? '' : 's'} of ${owner} ended`, { ownerId: owner, revoked });
    return EXIT_OK;
  },
};
