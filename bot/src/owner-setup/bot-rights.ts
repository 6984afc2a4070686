import type { ChatMember } from 'grammy/types';
import type { MissingRight } from '../messages/index.ts';

/** The admin rights PayGate needs that the bot lacks in a chat (all of them when it is not an administrator). */
export const missingRights = (member: ChatMember): MissingRight[] => {
  if (member.status !== 'administrator') return ['invite', 'restrict'];
  return [...(member.can_invite_users ? [] : (['invite'] as const)), ...(member.can_restrict_members ? [] : (['restrict'] as const))];
};
