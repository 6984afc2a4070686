/**
 * What owners and members do in channels and supergroups: create one, add or promote people,
 * add the bot as an administrator with given rights (or demote/remove it), join through an
 * invite link (member_limit, expiry, revocation and bans enforced; a creates_join_request link
 * files a join request instead), leave.
 */
import { PayGateError } from '@paygate/domain';
import type { TgAdminRights, TgUpdate } from '../../bot-api-types.ts';
import { botCan, changeMember, type SandboxCore } from '../core.ts';
import { adminRights, isInChat, linkMemberCount, memberOf, OWNER_RIGHTS, type SandboxChat } from '../world.ts';
import { inviteLinkJson, userJson, chatJson } from '../wire.ts';
import { requireSandboxUser } from './user-actions.ts';

export type CreateChannelInput = {
  ownerId: number;
  title: string;
  /** Default 'channel'. */
  type?: 'channel' | 'supergroup';
  /** Negative, -100… like Telegram's; assigned when omitted. */
  id?: number;
  username?: string;
  description?: string;
};

/** What a bot typically needs in a paid channel: invite, remove members, post. */
export const DEFAULT_BOT_RIGHTS: Partial<TgAdminRights> = {
  can_manage_chat: true,
  can_invite_users: true,
  can_restrict_members: true,
  can_post_messages: true,
  can_edit_messages: true,
  can_delete_messages: true,
};

export type JoinOutcome =
  | { outcome: 'joined'; update?: TgUpdate }
  | { outcome: 'requested'; update?: TgUpdate }
  | { outcome: 'refused'; reason: 'invalid_link' | 'revoked' | 'expired' | 'limit_reached' | 'banned' | 'already_member' };

export const requireSandboxChat = (core: SandboxCore, chatId: number): SandboxChat => {
  const chat = core.world.chats.get(chatId);
  if (chat === undefined) throw new PayGateError('not_found', `no sandbox chat ${chatId}`);
  return chat;
};

export const createChannel = (core: SandboxCore, input: CreateChannelInput): SandboxChat => {
  const { world } = core;
  const owner = requireSandboxUser(core, input.ownerId);
  const id = input.id ?? -(1_000_000_000_000 + world.nextChatId++);
  if (!Number.isSafeInteger(id) || id >= 0) throw new PayGateError('validation', 'a chat id is a negative integer');
  if (world.chats.has(id)) throw new PayGateError('conflict', `chat ${id} exists`);
  if (input.title.trim() === '') throw new PayGateError('validation', 'title is empty');
  const type = input.type ?? 'channel';
  const chat: SandboxChat = {
    id,
    type,
    title: input.title,
    ownerId: owner.id,
    members: new Map([[owner.id, { status: 'creator', untilDate: 0, rights: adminRights(type, OWNER_RIGHTS) }]]),
    joinRequests: new Map(),
    ...(input.username === undefined ? {} : { username: input.username }),
    ...(input.description === undefined ? {} : { description: input.description }),
  };
  world.chats.set(id, chat);
  return chat;
};

/** The owner adds someone directly (no link). */
export const addMember = (core: SandboxCore, input: { chatId: number; userId: number }) => {
  const chat = requireSandboxChat(core, input.chatId);
  const user = requireSandboxUser(core, input.userId);
  if (isInChat(memberOf(core.world, chat, user.id).status)) throw new PayGateError('conflict', `user ${user.id} is already in chat ${chat.id}`);
  return changeMember(core, { chat, user, by: core.world.users.get(chat.ownerId)!, after: { status: 'member', untilDate: 0 } });
};

export const promoteUser = (core: SandboxCore, input: { chatId: number; userId: number; rights?: Partial<TgAdminRights> }) => {
  const chat = requireSandboxChat(core, input.chatId);
  const user = input.userId === core.world.bot.id ? core.world.bot : requireSandboxUser(core, input.userId);
  if (memberOf(core.world, chat, user.id).status === 'creator') throw new PayGateError('conflict', 'the owner is already the owner');
  const rights = adminRights(chat.type, input.rights ?? DEFAULT_BOT_RIGHTS);
  return changeMember(core, { chat, user, by: core.world.users.get(chat.ownerId)!, after: { status: 'administrator', untilDate: 0, rights } });
};

/** The owner adds the bot as an administrator (or changes its rights): a my_chat_member update. */
export const promoteBot = (core: SandboxCore, input: { chatId: number; rights?: Partial<TgAdminRights> }) =>
  promoteUser(core, { chatId: input.chatId, userId: core.world.bot.id, ...(input.rights === undefined ? {} : { rights: input.rights }) });

/** Takes the bot's rights away: to 'member' (supergroup default), 'left' (channel default) or 'kicked'. */
export const demoteBot = (core: SandboxCore, input: { chatId: number; to?: 'member' | 'left' | 'kicked' }) => {
  const chat = requireSandboxChat(core, input.chatId);
  const to = input.to ?? (chat.type === 'channel' ? 'left' : 'member');
  return changeMember(core, { chat, user: core.world.bot, by: core.world.users.get(chat.ownerId)!, after: { status: to, untilDate: 0 } });
};

export const joinViaLink = (core: SandboxCore, input: { userId: number; inviteLink: string }): JoinOutcome => {
  const { world } = core;
  const user = requireSandboxUser(core, input.userId);
  const link = world.inviteLinks.get(input.inviteLink);
  if (link === undefined) return { outcome: 'refused', reason: 'invalid_link' };
  const chat = requireSandboxChat(core, link.chatId);
  if (link.isRevoked) return { outcome: 'refused', reason: 'revoked' };
  if (link.expireDate !== undefined && link.expireDate <= world.now()) return { outcome: 'refused', reason: 'expired' };
  const current = memberOf(world, chat, user.id).status;
  if (current === 'kicked') return { outcome: 'refused', reason: 'banned' };
  if (isInChat(current)) return { outcome: 'refused', reason: 'already_member' };
  if (link.createsJoinRequest) {
    if (chat.joinRequests.has(user.id)) return { outcome: 'requested' };
    const date = world.now();
    chat.joinRequests.set(user.id, { userId: user.id, inviteLink: link.inviteLink, date });
    if (!botCan(core, chat, 'can_invite_users')) return { outcome: 'requested' };
    user.startedBot = true; // a join request lets the bot write to the requester, as on Telegram
    const update = core.queue.push('chat_join_request', {
      chat: chatJson(chat),
      from: userJson(user),
      user_chat_id: user.id,
      date,
      invite_link: inviteLinkJson(world, link),
    });
    return { outcome: 'requested', update };
  }
  if (link.memberLimit !== undefined && linkMemberCount(world, link) >= link.memberLimit) return { outcome: 'refused', reason: 'limit_reached' };
  link.joinCount += 1;
  const update = changeMember(core, { chat, user, by: user, after: { status: 'member', untilDate: 0, joinedVia: link.inviteLink }, link });
  return update === undefined ? { outcome: 'joined' } : { outcome: 'joined', update };
};

export const leaveChat = (core: SandboxCore, input: { userId: number; chatId: number }) => {
  const chat = requireSandboxChat(core, input.chatId);
  const user = requireSandboxUser(core, input.userId);
  const status = memberOf(core.world, chat, user.id).status;
  if (status === 'creator') throw new PayGateError('conflict', 'the owner cannot leave their own chat in the sandbox');
  if (!isInChat(status)) throw new PayGateError('conflict', `user ${user.id} is not in chat ${chat.id}`);
  return changeMember(core, { chat, user, by: user, after: { status: 'left', untilDate: 0 } });
};
