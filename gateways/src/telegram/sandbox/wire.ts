/** World → Bot API objects, with the field names and key order api.telegram.org uses. */
import type {
  TgBotUser,
  TgChat,
  TgChatInviteLink,
  TgChatMember,
  TgChatMemberUpdated,
  TgMessage,
  TgUser,
} from '../bot-api-types.ts';
import { pendingRequestCount, type Membership, type SandboxChat, type SandboxInviteLink, type SandboxMessage, type SandboxUser, type SandboxWorld } from './world.ts';

export const userJson = (user: SandboxUser): TgUser => ({
  id: user.id,
  is_bot: user.isBot,
  first_name: user.firstName,
  ...(user.lastName === undefined ? {} : { last_name: user.lastName }),
  ...(user.username === undefined ? {} : { username: user.username }),
  ...(user.languageCode === undefined ? {} : { language_code: user.languageCode }),
});

export const botUserJson = (bot: SandboxUser): TgBotUser => ({
  ...userJson(bot),
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

export const privateChatJson = (user: SandboxUser): TgChat => ({
  id: user.id,
  ...(user.firstName === '' ? {} : { first_name: user.firstName }),
  ...(user.lastName === undefined ? {} : { last_name: user.lastName }),
  ...(user.username === undefined ? {} : { username: user.username }),
  type: 'private',
});

export const chatJson = (chat: SandboxChat): TgChat => ({
  id: chat.id,
  title: chat.title,
  ...(chat.username === undefined ? {} : { username: chat.username }),
  type: chat.type,
});

/** The chat a message or update is about: a channel/supergroup, or a user's private chat. */
export const anyChatJson = (world: SandboxWorld, chatId: number): TgChat => {
  const chat = world.chats.get(chatId);
  if (chat !== undefined) return chatJson(chat);
  const user = world.users.get(chatId);
  if (user === undefined) throw new Error(`no chat ${chatId}`);
  return privateChatJson(user);
};

export const memberJson = (user: SandboxUser, membership: Membership): TgChatMember => {
  const u = userJson(user);
  switch (membership.status) {
    case 'creator':
      return { user: u, status: 'creator', is_anonymous: false };
    case 'administrator':
      return { user: u, status: 'administrator', can_be_edited: false, is_anonymous: false, ...membership.rights! };
    case 'member':
      return { user: u, status: 'member' };
    case 'kicked':
      return { user: u, status: 'kicked', until_date: membership.untilDate };
    case 'left':
      return { user: u, status: 'left' };
  }
};

/**
 * A link the bot did not create shows with its tail replaced by "…", as the Bot API hides
 * other administrators' links.
 */
export const inviteLinkJson = (world: SandboxWorld, link: SandboxInviteLink): TgChatInviteLink => {
  const creator = world.users.get(link.creatorId)!;
  const visible = link.creatorId === world.bot.id ? link.inviteLink : `${link.inviteLink.slice(0, link.inviteLink.length - 6)}...`;
  const pending = link.createsJoinRequest ? pendingRequestCount(world, link) : 0;
  return {
    invite_link: visible,
    creator: userJson(creator),
    creates_join_request: link.createsJoinRequest,
    is_primary: link.isPrimary,
    is_revoked: link.isRevoked,
    ...(link.name === undefined ? {} : { name: link.name }),
    ...(link.expireDate === undefined ? {} : { expire_date: link.expireDate }),
    ...(link.memberLimit === undefined ? {} : { member_limit: link.memberLimit }),
    ...(pending > 0 ? { pending_join_request_count: pending } : {}),
  };
};

const textJson = (message: SandboxMessage) => ({
  text: message.text,
  ...(message.entities === undefined || message.entities.length === 0 ? {} : { entities: message.entities }),
});

/** One size of the photo; its unique id is derived so the same file has the same one. */
const photoJson = (message: SandboxMessage) => ({
  photo: [{ file_id: message.photo!, file_unique_id: `u${message.photo!.slice(-12)}`, width: 1280, height: 720, file_size: 65_536 }],
  ...(message.text === '' ? {} : { caption: message.text }),
  ...(message.entities === undefined || message.entities.length === 0 ? {} : { caption_entities: message.entities }),
});

export const messageJson = (world: SandboxWorld, message: SandboxMessage): TgMessage => {
  // A channel post is signed by the channel itself: sender_chat, no from.
  const from = world.users.get(message.fromId);
  const senderChat = from === undefined ? world.chats.get(message.fromId) : undefined;
  return {
    message_id: message.messageId,
    ...(from === undefined ? {} : { from: userJson(from) }),
    ...(senderChat === undefined ? {} : { sender_chat: chatJson(senderChat) }),
    chat: anyChatJson(world, message.chatId),
    date: message.date,
    ...(message.editDate === undefined ? {} : { edit_date: message.editDate }),
    ...(message.photo === undefined ? textJson(message) : photoJson(message)),
    ...(message.replyMarkup === undefined ? {} : { reply_markup: message.replyMarkup }),
  };
};

export const memberUpdatedJson = (
  world: SandboxWorld,
  input: {
    chatId: number;
    by: SandboxUser;
    user: SandboxUser;
    before: Membership;
    after: Membership;
    link?: SandboxInviteLink;
    viaJoinRequest?: boolean;
  },
): TgChatMemberUpdated => ({
  chat: anyChatJson(world, input.chatId),
  from: userJson(input.by),
  date: world.now(),
  old_chat_member: memberJson(input.user, input.before),
  new_chat_member: memberJson(input.user, input.after),
  ...(input.link === undefined ? {} : { invite_link: inviteLinkJson(world, input.link) }),
  ...(input.viaJoinRequest === true ? { via_join_request: true } : {}),
});
