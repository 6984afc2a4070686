/**
 * The Telegram port: the Bot API methods PayGate's process managers need, in domain terms.
 * Adapters: the HTTP Bot API client (gateways/telegram), pointed at api.telegram.org or at
 * the Bot API simulator. Chat and user ids are decimal strings (they exceed 2^31 and JSON
 * numbers are unsafe past 2^53 in some clients).
 *
 * Errors are PayGateErrors: `rate_limited` with `details.retryAfterSeconds` (429),
 * `forbidden` with `details.reason = 'blocked' | 'not_admin' | 'kicked'` (403),
 * `not_found` (400 chat/user not found), `validation` (other 400), `unavailable` (5xx, network).
 */
export type InlineButton = { text: string; url?: string; callbackData?: string };
export type InlineKeyboard = readonly (readonly InlineButton[])[];

export type InviteLink = {
  inviteLink: string;
  name?: string;
  memberLimit?: number;
  /** Unix seconds. */
  expireDate?: number;
  createsJoinRequest: boolean;
  isRevoked: boolean;
};

export type ChatAdministrator = {
  userId: string;
  status: 'creator' | 'administrator';
  canInviteUsers: boolean;
  canRestrictMembers: boolean;
};

export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export type TelegramGateway = {
  sendMessage(input: { chatId: string; text: string; keyboard?: InlineKeyboard; parseMode?: 'HTML' }): Promise<{ messageId: number }>;
  /** `photo`: a Telegram file_id or an http(s) URL; the caption is at most 1024 characters. */
  sendPhoto(input: { chatId: string; photo: string; caption?: string; parseMode?: 'HTML'; keyboard?: InlineKeyboard }): Promise<{ messageId: number }>;
  /** Replaces a text message the bot sent: `conflict` (reason not_modified) when unchanged, `not_found` when the message is gone. */
  editMessageText(input: { chatId: string; messageId: number; text: string; parseMode?: 'HTML'; keyboard?: InlineKeyboard }): Promise<void>;
  pinChatMessage(input: { chatId: string; messageId: number; disableNotification?: boolean }): Promise<void>;
  createChatInviteLink(input: {
    chatId: string;
    name?: string;
    memberLimit?: number;
    expireDate?: number;
    createsJoinRequest?: boolean;
  }): Promise<InviteLink>;
  revokeChatInviteLink(input: { chatId: string; inviteLink: string }): Promise<InviteLink>;
  approveChatJoinRequest(input: { chatId: string; userId: string }): Promise<void>;
  declineChatJoinRequest(input: { chatId: string; userId: string }): Promise<void>;
  /** Removes a member; PayGate always follows with unban(onlyIfBanned) so nobody is banned for good. */
  banChatMember(input: { chatId: string; userId: string; untilDate?: number }): Promise<void>;
  unbanChatMember(input: { chatId: string; userId: string; onlyIfBanned: boolean }): Promise<void>;
  getChatMember(input: { chatId: string; userId: string }): Promise<{ status: ChatMemberStatus }>;
  getChatAdministrators(input: { chatId: string }): Promise<ChatAdministrator[]>;
  getChat(input: { chatId: string }): Promise<{ id: string; type: string; title?: string; username?: string }>;
};
