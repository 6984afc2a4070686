import type { BotContext } from '../context.ts';
import type { BotChannel, BroadcastPort } from '../deps.ts';
import { resolveOwnedChannel, withinOwnerLimit, type OwnerCommand } from '../owner-setup/owner-channel.ts';
import type { BotServices } from '../services.ts';

export type BroadcastCommand = 'broadcast' | 'broadcasts' | 'linkpublic' | 'unlinkpublic';

/** The words after a command. */
export const argsOf = (match: string): string[] => match.split(/\s+/).filter(Boolean);

/**
 * The channel a broadcast command acts on, like the other owner commands (code first or the
 * owner's only channel; owner of record and still an admin), with the port. Replies itself and
 * returns undefined when it cannot go on.
 */
export const ownedChannelFor = async (
  ctx: BotContext,
  services: BotServices,
  command: BroadcastCommand,
  args: readonly string[],
): Promise<{ channel: BotChannel; rest: string[]; port: BroadcastPort } | undefined> => {
  const port = services.deps.broadcasts;
  if (!port) return void (await ctx.reply(ctx.t('broadcastsUnavailable', {})));
  if (!(await withinOwnerLimit(ctx, services))) return undefined;
  // OwnerCommand lists the core commands; the name is only used in the "which channel?" text.
  const name: string = command;
  const resolved = await resolveOwnedChannel(ctx, services, name as OwnerCommand, args);
  return resolved && { ...resolved, port };
};
