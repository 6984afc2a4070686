import * as v from 'valibot';
import { TelegramUserIdSchema } from '@paygate/domain';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'dashboard link';

export const dashboardLinkCommand: Command = {
  name: NAME,
  summary: 'Issue a one-time dashboard login link for a Telegram user (what the bot\'s /dashboard sends)',
  description: [
    'The link logs its holder in as that user, once, within 5 minutes (LoginLinkIssued is recorded).',
    'The user sees the channels they own; DASHBOARD_ADMIN_IDS and DASHBOARD_AUDITOR_IDS give other roles.',
  ].join('\n'),
  options: { owner: { type: 'string', valueName: 'id', description: 'Telegram user id to log in as' } },
  json: true,
  examples: ['paygate dashboard link --owner 5000000001'],
  async run(context) {
    const owner = requiredOption(context.values, 'owner', NAME);
    if (!v.is(TelegramUserIdSchema, owner)) throw new UsageError('--owner must be a Telegram user id, a positive whole number like 5000000001', NAME);
    const link = await withCommandPlatform(context.io.env, ({ paygate }) => paygate.dashboard.issueLoginUrl(owner));
    writeResult(context, `${link.url}\n(one-time, valid until ${link.expiresAt})`, { ownerId: owner, ...link });
    return EXIT_OK;
  },
};
