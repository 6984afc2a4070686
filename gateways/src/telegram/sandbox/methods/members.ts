/**
 * banChatMember, unbanChatMember (only_if_banned), getChat, getChatMember,
 * getChatAdministrators, getChatMemberCount. A plain unban also removes a current member —
 * the Bot API guarantees the user is out but may rejoin — unless only_if_banned is set.
 */
import { badRequest } from '../bot-api-error.ts';
import { botCan, botIsAdmin, changeMember, type SandboxCore } from '../core.ts';
import { requireBotInChat, requireGroupChat, requireUser, resolveChat } from '../access.ts';
import { chatIdParam, optionalBool, optionalInt, requiredInt, type Params } from '../params.ts';
import { chatJson, memberJson, privateChatJson } from '../wire.ts';
import { isInChat, memberOf, type SandboxChat } from '../world.ts';
import type { MethodHandler } from './method.ts';

const RESTRICT_RIGHTS = 'not enough rights to restrict/unrestrict chat member';
const DAY = 86_400;

/** Bans shorter than 30 s or longer than 366 days are for ever (until_date 0), as on Telegram. */
const normalizeUntil = (now: number, untilDate: number | undefined) =>
  untilDate === undefined || untilDate - now < 30 || untilDate - now > 366 * DAY ? 0 : untilDate;

const restrictTarget = (core: SandboxCore, params: Params, privateError: string) => {
  const chat = requireGroupChat(core, chatIdParam(params), privateError);
  if (!botCan(core, chat, 'can_restrict_members')) throw badRequest(RESTRICT_RIGHTS);
  const user = requireUser(core, requiredInt(params, 'user_id', 'user_id is empty'));
  const current = memberOf(core.world, chat, user.id);
  if (current.status === 'creator') throw badRequest("can't remove chat owner");
  if (current.status === 'administrator') throw badRequest('user is an administrator of the chat');
  return { chat, user, current };
};

const banChatMember: MethodHandler = (core, params) => {
  if (optionalInt(params, 'user_id') === core.world.bot.id) throw badRequest("can't restrict self");
  const { chat, user } = restrictTarget(core, params, "can't ban members in private chats");
  const untilDate = normalizeUntil(core.world.now(), optionalInt(params, 'until_date'));
  optionalBool(params, 'revoke_messages');
  changeMember(core, { chat, user, by: core.world.bot, after: { status: 'kicked', untilDate } });
  return true;
};

const unbanChatMember: MethodHandler = (core, params) => {
  if (optionalInt(params, 'user_id') === core.world.bot.id) throw badRequest("can't unrestrict self");
  const { chat, user, current } = restrictTarget(core, params, 'method is available only in supergroup and channel chats');
  const onlyIfBanned = optionalBool(params, 'only_if_banned') ?? false;
  if (current.status === 'kicked' || (!onlyIfBanned && isInChat(current.status))) {
    changeMember(core, { chat, user, by: core.world.bot, after: { status: 'left', untilDate: 0 } });
  }
  return true;
};

/** Channels show their members only to administrators. */
const requireMemberList = (core: SandboxCore, chat: SandboxChat) => {
  if (chat.type === 'channel' && !botIsAdmin(core, chat)) throw badRequest('member list is inaccessible');
};

const getChatMember: MethodHandler = (core, params) => {
  const resolved = resolveChat(core, chatIdParam(params));
  const user = requireUser(core, requiredInt(params, 'user_id', 'user_id is empty'));
  if (resolved.kind === 'private') {
    if (user.id !== resolved.user.id && user.id !== core.world.bot.id) throw badRequest('user not found');
    return memberJson(user, { status: 'member', untilDate: 0 });
  }
  requireBotInChat(core, resolved.chat);
  if (user.id !== core.world.bot.id) requireMemberList(core, resolved.chat);
  return memberJson(user, memberOf(core.world, resolved.chat, user.id));
};

const getChatAdministrators: MethodHandler = (core, params) => {
  const chat = requireGroupChat(core, chatIdParam(params), 'there are no administrators in the private chat');
  requireMemberList(core, chat);
  const admins = [];
  for (const [userId] of chat.members) {
    const membership = memberOf(core.world, chat, userId);
    const user = core.world.users.get(userId)!;
    if (membership.status !== 'creator' && membership.status !== 'administrator') continue;
    if (user.isBot && user.id !== core.world.bot.id) continue; // "except other bots"
    admins.push(memberJson(user, membership));
  }
  return admins;
};

const getChatMemberCount: MethodHandler = (core, params) => {
  const resolved = resolveChat(core, chatIdParam(params));
  if (resolved.kind === 'private') return 2;
  requireBotInChat(core, resolved.chat);
  return [...resolved.chat.members.keys()].filter((id) => isInChat(memberOf(core.world, resolved.chat, id).status)).length;
};

/** ChatFullInfo: the fields PayGate reads plus the ones the Bot API always includes. */
const getChat: MethodHandler = (core, params) => {
  const resolved = resolveChat(core, chatIdParam(params));
  const always = { accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
  if (resolved.kind === 'private') {
    if (!resolved.user.startedBot) throw badRequest('chat not found');
    return { ...privateChatJson(resolved.user), ...always };
  }
  requireBotInChat(core, resolved.chat);
  const { chat } = resolved;
  return { ...chatJson(chat), ...(chat.description === undefined ? {} : { description: chat.description }), ...always };
};

export const memberMethods: Record<string, MethodHandler> = {
  banChatMember,
  unbanChatMember,
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
};
