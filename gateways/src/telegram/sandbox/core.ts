/**
 * What every Bot API method and control action works on: the world, the bot's update queue
 * and its webhook, plus the rules about which changes the bot hears of. The bot sees
 * chat_member updates only where it is an administrator, and join requests only where it may
 * invite users — as on Telegram.
 */
import type { TgUpdate } from '../bot-api-types.ts';
import type { TelegramSandboxLimits } from './limits.ts';
import type { UpdateQueue } from './update-queue.ts';
import type { Webhook } from './webhook.ts';
import { memberUpdatedJson } from './wire.ts';
import { memberOf, type Membership, type SandboxChat, type SandboxInviteLink, type SandboxUser, type SandboxWorld } from './world.ts';

export type SandboxCore = {
  readonly world: SandboxWorld;
  readonly queue: UpdateQueue;
  readonly webhook: Webhook;
  readonly clock: () => Date;
  readonly limits: TelegramSandboxLimits;
};

export const botMembership = (core: SandboxCore, chat: SandboxChat): Membership => memberOf(core.world, chat, core.world.bot.id);

export const botIsAdmin = (core: SandboxCore, chat: SandboxChat) => {
  const status = botMembership(core, chat).status;
  return status === 'administrator' || status === 'creator';
};

export const botCan = (core: SandboxCore, chat: SandboxChat, right: 'can_invite_users' | 'can_restrict_members' | 'can_post_messages' | 'can_edit_messages' | 'can_pin_messages') => {
  const membership = botMembership(core, chat);
  return membership.status === 'administrator' && membership.rights?.[right] === true;
};

/** Records a member's change and tells the bot when it would be told. */
export const changeMember = (
  core: SandboxCore,
  input: {
    chat: SandboxChat;
    user: SandboxUser;
    by: SandboxUser;
    after: Membership;
    link?: SandboxInviteLink;
    viaJoinRequest?: boolean;
  },
): TgUpdate | undefined => {
  const before = memberOf(core.world, input.chat, input.user.id);
  input.chat.members.set(input.user.id, input.after);
  if (before.status === input.after.status && before.untilDate === input.after.untilDate && input.after.status !== 'administrator') {
    return undefined;
  }
  const payload = memberUpdatedJson(core.world, { chatId: input.chat.id, before, ...input });
  if (input.user.id === core.world.bot.id) return core.queue.push('my_chat_member', payload);
  return botIsAdmin(core, input.chat) ? core.queue.push('chat_member', payload) : undefined;
};
