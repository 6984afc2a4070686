/**
 * createChatInviteLink, revokeChatInviteLink, approveChatJoinRequest, declineChatJoinRequest,
 * checked in the order the real server checks them. Names longer than 32 characters are
 * refused (the Bot API documents 0–32), so PayGate learns its limit here, not in production.
 */
import { randomBytes } from 'node:crypto';
import { badRequest } from '../bot-api-error.ts';
import { botCan, changeMember, type SandboxCore } from '../core.ts';
import { requireGroupChat, requireUser } from '../access.ts';
import { chatIdParam, optionalBool, optionalInt, optionalString, requiredInt, type Params } from '../params.ts';
import { inviteLinkJson } from '../wire.ts';
import { isInChat, memberOf, type SandboxChat, type SandboxInviteLink } from '../world.ts';
import type { MethodHandler } from './method.ts';

export const MAX_LINK_NAME = 32;
export const MAX_MEMBER_LIMIT = 99_999;

const requireInviteRights = (core: SandboxCore, chat: SandboxChat, what: 'link' | 'requests') => {
  if (!botCan(core, chat, 'can_invite_users')) {
    throw badRequest(what === 'link' ? 'not enough rights to manage chat invite link' : 'not enough rights to manage chat join requests');
  }
};

const linkSettings = (params: Params) => {
  const name = optionalString(params, 'name');
  const expireDate = optionalInt(params, 'expire_date');
  const memberLimit = optionalInt(params, 'member_limit');
  const createsJoinRequest = optionalBool(params, 'creates_join_request') ?? false;
  if (createsJoinRequest && memberLimit !== undefined && memberLimit !== 0) {
    throw badRequest("member limit can't be specified for links requiring administrator approval");
  }
  return { name, expireDate, memberLimit, createsJoinRequest };
};

const validateSettings = (core: SandboxCore, settings: ReturnType<typeof linkSettings>) => {
  if (settings.name !== undefined && [...settings.name].length > MAX_LINK_NAME) throw badRequest('invite link name is too long');
  if (settings.expireDate !== undefined && settings.expireDate !== 0 && settings.expireDate <= core.world.now()) {
    throw badRequest('EXPIRE_DATE_INVALID');
  }
  const limit = settings.memberLimit;
  if (limit !== undefined && limit !== 0 && (limit < 1 || limit > MAX_MEMBER_LIMIT)) throw badRequest('USAGE_LIMIT_INVALID');
};

const newLinkUrl = () => `https://t.me/+${randomBytes(12).toString('base64url')}`;

const createChatInviteLink: MethodHandler = (core, params) => {
  const chat = requireGroupChat(core, chatIdParam(params), "can't invite members to a private chat");
  const settings = linkSettings(params);
  requireInviteRights(core, chat, 'link');
  validateSettings(core, settings);
  const link: SandboxInviteLink = {
    inviteLink: newLinkUrl(),
    chatId: chat.id,
    creatorId: core.world.bot.id,
    createdAt: core.world.now(),
    createsJoinRequest: settings.createsJoinRequest,
    isPrimary: false,
    isRevoked: false,
    joinCount: 0,
    ...(settings.name === undefined || settings.name === '' ? {} : { name: settings.name }),
    ...(settings.expireDate === undefined || settings.expireDate === 0 ? {} : { expireDate: settings.expireDate }),
    ...(settings.memberLimit === undefined || settings.memberLimit === 0 ? {} : { memberLimit: settings.memberLimit }),
  };
  core.world.inviteLinks.set(link.inviteLink, link);
  return inviteLinkJson(core.world, link);
};

const chatLink = (core: SandboxCore, chat: SandboxChat, params: Params): SandboxInviteLink => {
  const url = optionalString(params, 'invite_link');
  if (url === undefined) throw badRequest('invite_link is empty');
  const link = core.world.inviteLinks.get(url);
  if (link === undefined || link.chatId !== chat.id) throw badRequest('INVITE_HASH_EXPIRED');
  return link;
};

const revokeChatInviteLink: MethodHandler = (core, params) => {
  const chat = requireGroupChat(core, chatIdParam(params), "can't invite members to a private chat");
  requireInviteRights(core, chat, 'link');
  const link = chatLink(core, chat, params);
  link.isRevoked = true;
  // Pending requests through a revoked link are dropped with it.
  for (const [userId, request] of chat.joinRequests) if (request.inviteLink === link.inviteLink) chat.joinRequests.delete(userId);
  return inviteLinkJson(core.world, link);
};

const joinRequestOf = (core: SandboxCore, params: Params) => {
  const chat = requireGroupChat(core, chatIdParam(params), "the chat can't have join requests");
  requireInviteRights(core, chat, 'requests');
  const user = requireUser(core, requiredInt(params, 'user_id', 'user_id is empty'));
  if (isInChat(memberOf(core.world, chat, user.id).status)) throw badRequest('USER_ALREADY_PARTICIPANT');
  const request = chat.joinRequests.get(user.id);
  if (request === undefined) throw badRequest('HIDE_REQUESTER_MISSING');
  return { chat, user, request };
};

const approveChatJoinRequest: MethodHandler = (core, params) => {
  const { chat, user, request } = joinRequestOf(core, params);
  chat.joinRequests.delete(user.id);
  const link = core.world.inviteLinks.get(request.inviteLink);
  if (link !== undefined) link.joinCount += 1;
  changeMember(core, {
    chat,
    user,
    by: core.world.bot,
    after: { status: 'member', untilDate: 0, joinedVia: request.inviteLink },
    ...(link === undefined ? {} : { link }),
    viaJoinRequest: true,
  });
  return true;
};

const declineChatJoinRequest: MethodHandler = (core, params) => {
  const { chat, user } = joinRequestOf(core, params);
  chat.joinRequests.delete(user.id);
  return true;
};

export const inviteLinkMethods: Record<string, MethodHandler> = {
  createChatInviteLink,
  revokeChatInviteLink,
  approveChatJoinRequest,
  declineChatJoinRequest,
};
