/**
 * The simulated Telegram: users, the bot, channels and supergroups with their members and
 * administrators, invite links, join requests and every chat's message history. Plain mutable
 * data owned by one sandbox; methods and control actions change it, inspection reads it.
 */
import type { TgAdminRights, TgInlineKeyboardMarkup, TgMessageEntity } from '../bot-api-types.ts';

export type SandboxUser = {
  readonly id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  readonly isBot: boolean;
  /** The bot may write first only to users who wrote to it (or asked to join one of its chats). */
  startedBot: boolean;
  blockedBot: boolean;
};

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'left' | 'kicked';

export type Membership = {
  status: MemberStatus;
  /** Unix seconds a ban ends; 0 = for ever. */
  untilDate: number;
  rights?: TgAdminRights;
  /** The invite link the member joined through, while they stay; frees its member_limit slot on leaving. */
  joinedVia?: string;
};

export type SandboxInviteLink = {
  readonly inviteLink: string;
  readonly chatId: number;
  readonly creatorId: number;
  readonly createdAt: number;
  name?: string;
  expireDate?: number;
  memberLimit?: number;
  createsJoinRequest: boolean;
  readonly isPrimary: boolean;
  isRevoked: boolean;
  /** Every join through the link, including members who left since. */
  joinCount: number;
};

export type JoinRequest = { readonly userId: number; readonly inviteLink: string; readonly date: number };

export type SandboxMessage = {
  readonly messageId: number;
  readonly chatId: number;
  /** The bot's id for messages the bot sent. */
  readonly fromId: number;
  readonly date: number;
  editDate?: number;
  /** The text, or a photo's caption ('' for none). */
  text: string;
  entities?: TgMessageEntity[];
  parseMode?: string;
  /** The photo's file_id: the message is a photo with `text` as its caption. */
  photo?: string;
  pinned?: boolean;
  replyMarkup?: TgInlineKeyboardMarkup;
};

export type SandboxChat = {
  readonly id: number;
  readonly type: 'channel' | 'supergroup';
  title: string;
  username?: string;
  description?: string;
  readonly ownerId: number;
  readonly members: Map<number, Membership>;
  readonly joinRequests: Map<number, JoinRequest>;
};

export type Conversation = { nextMessageId: number; readonly messages: SandboxMessage[] };

export type SandboxWorld = {
  readonly bot: SandboxUser;
  readonly users: Map<number, SandboxUser>;
  readonly chats: Map<number, SandboxChat>;
  readonly inviteLinks: Map<string, SandboxInviteLink>;
  /** Keyed by chat id: a user's id for the private chat with the bot. */
  readonly conversations: Map<number, Conversation>;
  /** Callback queries not answered yet, by id. */
  readonly openCallbackQueries: Map<string, { readonly userId: number; readonly chatId: number; readonly messageId: number }>;
  readonly callbackAnswers: { queryId: string; text?: string; showAlert: boolean; url?: string }[];
  readonly now: () => number; // unix seconds
  nextUserId: number;
  nextChatId: number;
  nextCallbackQueryId: number;
};

export const ADMIN_RIGHT_NAMES = [
  'can_manage_chat',
  'can_delete_messages',
  'can_manage_video_chats',
  'can_restrict_members',
  'can_promote_members',
  'can_change_info',
  'can_invite_users',
  'can_post_stories',
  'can_edit_stories',
  'can_delete_stories',
] as const;

/** Fills the rights a chat type carries; anything not granted is false. */
export const adminRights = (type: SandboxChat['type'], granted: Partial<TgAdminRights>): TgAdminRights => {
  const rights = Object.fromEntries(ADMIN_RIGHT_NAMES.map((name) => [name, granted[name] ?? false])) as TgAdminRights;
  if (type === 'channel') {
    rights.can_post_messages = granted.can_post_messages ?? false;
    rights.can_edit_messages = granted.can_edit_messages ?? false;
  } else {
    rights.can_pin_messages = granted.can_pin_messages ?? false;
    rights.can_manage_topics = granted.can_manage_topics ?? false;
  }
  return rights;
};

export const OWNER_RIGHTS: Partial<TgAdminRights> = {
  ...Object.fromEntries(ADMIN_RIGHT_NAMES.map((name) => [name, true])),
  can_post_messages: true,
  can_edit_messages: true,
  can_pin_messages: true,
  can_manage_topics: true,
};

export const createWorld = (input: { botId: number; botUsername: string; botName: string; now: () => number }): SandboxWorld => {
  const bot: SandboxUser = { id: input.botId, firstName: input.botName, username: input.botUsername, isBot: true, startedBot: false, blockedBot: false };
  return {
    bot,
    users: new Map([[bot.id, bot]]),
    chats: new Map(),
    inviteLinks: new Map(),
    conversations: new Map(),
    openCallbackQueries: new Map(),
    callbackAnswers: [],
    now: input.now,
    // Above 2^32 on purpose: code that squeezes ids into 32 bits breaks here, not in production.
    nextUserId: 5_000_000_001,
    nextChatId: 2_000_000_001,
    nextCallbackQueryId: 1,
  };
};

/** A ban whose until_date has passed is over: the user counts as having left. */
export const effectiveMembership = (world: SandboxWorld, membership: Membership | undefined): Membership => {
  if (membership === undefined) return { status: 'left', untilDate: 0 };
  if (membership.status === 'kicked' && membership.untilDate > 0 && membership.untilDate <= world.now()) {
    return { status: 'left', untilDate: 0 };
  }
  return membership;
};

export const memberOf = (world: SandboxWorld, chat: SandboxChat, userId: number): Membership =>
  effectiveMembership(world, chat.members.get(userId));

export const isInChat = (status: MemberStatus) => status === 'creator' || status === 'administrator' || status === 'member';

/** The bot's own messages, and posts it made as a channel. */
export const sentByBot = (world: SandboxWorld, message: SandboxMessage) => message.fromId === world.bot.id || world.chats.has(message.fromId);

export const conversationOf = (world: SandboxWorld, chatId: number): Conversation => {
  let conversation = world.conversations.get(chatId);
  if (conversation === undefined) {
    conversation = { nextMessageId: 1, messages: [] };
    world.conversations.set(chatId, conversation);
  }
  return conversation;
};

/** Members currently in the chat who joined through this link: what member_limit counts. */
export const linkMemberCount = (world: SandboxWorld, link: SandboxInviteLink): number => {
  const chat = world.chats.get(link.chatId);
  if (chat === undefined) return 0;
  let count = 0;
  for (const [userId, membership] of chat.members) {
    if (membership.joinedVia === link.inviteLink && isInChat(memberOf(world, chat, userId).status)) count += 1;
  }
  return count;
};

export const pendingRequestCount = (world: SandboxWorld, link: SandboxInviteLink): number => {
  const chat = world.chats.get(link.chatId);
  return chat === undefined ? 0 : [...chat.joinRequests.values()].filter((r) => r.inviteLink === link.inviteLink).length;
};
