/**
 * The Bot API's wire shapes PayGate touches (snake_case, as api.telegram.org sends them), shared
 * by the simulator, which writes them, and the client, which reads them. Only the fields
 * PayGate and grammY use; see https://core.telegram.org/bots/api#available-types.
 */
export type TgUser = {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
};

export type TgBotUser = TgUser & {
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
};

export type TgChatType = 'private' | 'group' | 'supergroup' | 'channel';

export type TgChat = {
  id: number;
  type: TgChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
};

export type TgMessageEntity = { type: string; offset: number; length: number; url?: string; language?: string };

export type TgInlineKeyboardButton = { text: string; url?: string; callback_data?: string };
export type TgInlineKeyboardMarkup = { inline_keyboard: TgInlineKeyboardButton[][] };

export type TgMessage = {
  message_id: number;
  from?: TgUser;
  sender_chat?: TgChat;
  date: number;
  chat: TgChat;
  edit_date?: number;
  text?: string;
  entities?: TgMessageEntity[];
  photo?: TgPhotoSize[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  reply_markup?: TgInlineKeyboardMarkup;
};

export type TgPhotoSize = { file_id: string; file_unique_id: string; width: number; height: number; file_size?: number };

export type TgChatInviteLink = {
  invite_link: string;
  creator: TgUser;
  creates_join_request: boolean;
  is_primary: boolean;
  is_revoked: boolean;
  name?: string;
  expire_date?: number;
  member_limit?: number;
  pending_join_request_count?: number;
};

/** The rights of an administrator, as ChatMemberAdministrator and promoteChatMember name them. */
export type TgAdminRights = {
  can_manage_chat: boolean;
  can_delete_messages: boolean;
  can_manage_video_chats: boolean;
  can_restrict_members: boolean;
  can_promote_members: boolean;
  can_change_info: boolean;
  can_invite_users: boolean;
  can_post_stories: boolean;
  can_edit_stories: boolean;
  can_delete_stories: boolean;
  can_post_messages?: boolean; // channels only
  can_edit_messages?: boolean; // channels only
  can_pin_messages?: boolean; // supergroups only
  can_manage_topics?: boolean; // supergroups only
};

export type TgChatMember =
  | { user: TgUser; status: 'creator'; is_anonymous: boolean; custom_title?: string }
  | ({ user: TgUser; status: 'administrator'; can_be_edited: boolean; is_anonymous: boolean; custom_title?: string } & TgAdminRights)
  | { user: TgUser; status: 'member'; until_date?: number }
  | { user: TgUser; status: 'restricted'; is_member: boolean; until_date: number }
  | { user: TgUser; status: 'left' }
  | { user: TgUser; status: 'kicked'; until_date: number };

export type TgChatMemberUpdated = {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
  invite_link?: TgChatInviteLink;
  via_join_request?: boolean;
};

export type TgChatJoinRequest = {
  chat: TgChat;
  from: TgUser;
  user_chat_id: number;
  date: number;
  invite_link?: TgChatInviteLink;
};

export type TgCallbackQuery = {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
};

/** The update kinds the simulator produces (a subset of the Bot API's). */
export type TgUpdateType = 'message' | 'callback_query' | 'my_chat_member' | 'chat_member' | 'chat_join_request';

export type TgUpdate = { update_id: number } & (
  | { message: TgMessage }
  | { callback_query: TgCallbackQuery }
  | { my_chat_member: TgChatMemberUpdated }
  | { chat_member: TgChatMemberUpdated }
  | { chat_join_request: TgChatJoinRequest }
);

/** Sent unless asked for explicitly: the Bot API leaves these out of the default set. */
export const OPT_IN_UPDATE_TYPES: readonly string[] = ['chat_member', 'message_reaction', 'message_reaction_count'];

export type TgResponseParameters = { retry_after?: number; migrate_to_chat_id?: number };
